package org.ipcbus.impl.osgi;

import org.ipcbus.api.IpcMain;
import org.ipcbus.impl.bus.Bus;
import org.ipcbus.impl.bus.MainClient;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;

/**
 * Gives each bundle its own IpcMain client, so that the listeners and handlers a bundle adds are
 * removed when it stops using the service.
 */
final class IpcMainFactory implements ServiceFactory<IpcMain> {

  private final Bus bus;

  IpcMainFactory(Bus bus) {
    this.bus = bus;
  }

  @Override
  public IpcMain getService(Bundle bundle, ServiceRegistration<IpcMain> registration) {
    return new MainClient(bus, bundle);
  }

  @Override
  public void ungetService(Bundle bundle, ServiceRegistration<IpcMain> registration, IpcMain service) {
    ((MainClient) service).release();
  }
}
