package org.ipcbus.impl.bus;

import java.util.List;
import java.util.Optional;

import org.ipcbus.api.IpcMain;
import org.ipcbus.api.IpcMainHandler;
import org.ipcbus.api.IpcMainListener;
import org.ipcbus.api.WebContents;
import org.ipcbus.impl.channel.Channels;
import org.osgi.framework.Bundle;

/**
 * The IpcMain of one bundle. All clients share the bus's listeners and handlers, as Electron's one
 * ipcMain does; a client only remembers which of them its bundle added, so that they are removed
 * when the bundle stops using the service.
 */
public final class MainClient implements IpcMain {

  private final Bus bus;
  private final Bundle bundle;

  /**
   * Creates a client.
   *
   * @param bus the bus
   * @param bundle the bundle it is for
   */
  public MainClient(Bus bus, Bundle bundle) {
    this.bus = bus;
    this.bundle = bundle;
  }

  /** @return the bundle it is for */
  public Bundle bundle() {
    return bundle;
  }

  @Override
  public IpcMain on(String channel, IpcMainListener listener) {
    return add(channel, listener, false);
  }

  @Override
  public IpcMain once(String channel, IpcMainListener listener) {
    return add(channel, listener, true);
  }

  @Override
  public IpcMain removeListener(String channel, IpcMainListener listener) {
    Channels.require(channel);
    Channels.requireNonNull(listener, "listener");
    bus.mainListeners().remove(channel, listener, MainClient::isClient);
    return this;
  }

  @Override
  public IpcMain removeAllListeners(String channel) {
    Channels.require(channel);
    bus.mainListeners().removeAll(channel, MainClient::isClient);
    return this;
  }

  @Override
  public IpcMain removeAllListeners() {
    bus.mainListeners().removeAll(MainClient::isClient);
    return this;
  }

  @Override
  public void handle(String channel, IpcMainHandler handler) {
    setHandler(channel, handler, false);
  }

  @Override
  public void handleOnce(String channel, IpcMainHandler handler) {
    setHandler(channel, handler, true);
  }

  @Override
  public void removeHandler(String channel) {
    Channels.require(channel);
    bus.handlers().remove(channel, MainClient::isClient);
  }

  @Override
  public List<WebContents> getAllWebContents() {
    return bus.renderers().all();
  }

  @Override
  public Optional<WebContents> fromId(long id) {
    return bus.renderers().fromId(id);
  }

  /** Removes the listeners and handlers this client added; its bundle stopped using it. */
  public void release() {
    bus.mainListeners().removeAll(owner -> owner == this);
    bus.handlers().removeAll(owner -> owner == this);
  }

  private IpcMain add(String channel, IpcMainListener listener, boolean once) {
    Channels.require(channel);
    Channels.requireNonNull(listener, "listener");
    bus.checkOpen();
    bus.mainListeners().add(channel, listener, once, this);
    return this;
  }

  private void setHandler(String channel, IpcMainHandler handler, boolean once) {
    Channels.require(channel);
    Channels.requireNonNull(handler, "handler");
    bus.checkOpen();
    bus.handlers().set(channel, HandlerRegistry.entry(handler, once, this));
  }

  /**
   * Electron's removeListener and removeAllListeners reach every listener added through ipcMain,
   * whoever added it; whiteboard listeners belong to their service registration.
   */
  private static boolean isClient(Object owner) {
    return owner instanceof MainClient;
  }
}
