package org.ipcbus.benchmarks.support;

import java.lang.reflect.RecordComponent;

import org.ipcbus.api.IpcMain;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.impl.bus.Bus;
import org.ipcbus.impl.bus.BusConfig;
import org.ipcbus.impl.bus.MainClient;
import org.ipcbus.impl.bus.Renderer;

/**
 * An ipcbus {@link Bus} run as the impl's unit tests run it: plain Java, no framework, renderers
 * identified by fake bundles. Close it when done (its threads are daemons, but close ends them).
 */
public final class Buses implements AutoCloseable {

  private final Bus bus;
  private final IpcMain main;
  private final QuietLog log = new QuietLog();

  /** @param config the bus settings */
  public Buses(BusConfig config) {
    this.bus = new Bus(config, log);
    this.main = new MainClient(bus, FakeBundles.next("bench.main"));
  }

  /**
   * The default settings with another queue capacity. The record is copied through its components,
   * so that settings added to BusConfig later keep their defaults without a change here.
   *
   * @param queueCapacity the queue capacity
   * @return the settings
   */
  public static BusConfig withQueueCapacity(int queueCapacity) {
    RecordComponent[] components = BusConfig.class.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        values[i] = "queueCapacity".equals(components[i].getName())
            ? queueCapacity : components[i].getAccessor().invoke(BusConfig.DEFAULTS);
      }
      return BusConfig.class.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot copy BusConfig.DEFAULTS", e);
    }
  }

  /** A bus with the default settings (queue capacity 10 000, timeouts 30 s). */
  public Buses() {
    this(BusConfig.DEFAULTS);
  }

  /** @return main's IpcMain */
  public IpcMain main() {
    return main;
  }

  /** @return the bus itself */
  public Bus bus() {
    return bus;
  }

  /** @return a new renderer (a new fake bundle) */
  public Renderer newRenderer() {
    return bus.renderers().acquire(FakeBundles.next("bench.renderer"));
  }

  /** @return the IpcRenderer of a new renderer */
  public IpcRenderer newRendererClient() {
    return newRenderer().client();
  }

  /** @return warnings and errors the bus reported; a benchmark that made any is suspect */
  public long reports() {
    return log.reports();
  }

  @Override
  public void close() {
    bus.close();
  }
}
