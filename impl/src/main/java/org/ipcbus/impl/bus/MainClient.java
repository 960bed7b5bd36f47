package org.ipcbus.impl.bus;

import java.util.List;
import java.util.Optional;

import org.ipcbus.api.IpcMain;
import org.ipcbus.api.IpcMainHandler;
import org.ipcbus.api.IpcMainListener;
import org.ipcbus.api.MessageChannelMain;
import org.ipcbus.api.WebContents;
import org.ipcbus.impl.channel.Channels;
import org.ipcbus.impl.port.PortHolder;
import org.osgi.framework.Bundle;

/**
 * The IpcMain of one bundle. All clients share the bus's listeners and handlers, as Electron's one
 * ipcMain does, but each registration belongs to the client that added it: a bundle removes only
 * its own ({@link Ownership}), and what it added goes when it stops using the service. The access
 * policy decides whether the bundle may listen on or handle a channel, and whether it may send to a
 * renderer as main through the WebContents it gets here.
 */
public final class MainClient implements IpcMain {

  private final Bus bus;
  private final Bundle bundle;
  private final Actor actor;
  /** The ports of the channels this bundle made; closed when it stops using IpcMain. */
  private final PortHolder ports;

  /**
   * Creates a client.
   *
   * @param bus the bus
   * @param bundle the bundle it is for
   */
  public MainClient(Bus bus, Bundle bundle) {
    this.bus = bus;
    this.bundle = bundle;
    this.actor = new Actor(bundle);
    this.ports = bus.newMainPortHolder("main (" + actor + ")");
    bus.clientCreated(this);
  }

  /** @return the bundle it is for */
  public Bundle bundle() {
    return bundle;
  }

  /** @return its bundle as the access policy sees it */
  public Actor actor() {
    return actor;
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
    // Another bundle's registration of the same listener is left alone, as EventEmitter ignores a
    // listener it does not know.
    bus.mainListeners().remove(channel, listener, this::isMine);
    return this;
  }

  @Override
  public IpcMain removeAllListeners(String channel) {
    Channels.require(channel);
    bus.mainListeners().removeAll(channel, this::isMine);
    return this;
  }

  @Override
  public IpcMain removeAllListeners() {
    bus.mainListeners().removeAll(this::isMine);
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
    ListenerEntry<IpcMainHandler> current = bus.handlers().get(channel);
    if (current == null) {
      return;
    }
    if (!isMine(current.owner())) {
      // Silently doing nothing would let the caller believe the channel is free.
      throw Ownership.notYours(channel, current, actor);
    }
    bus.handlers().remove(channel, this::isMine);
  }

  @Override
  public List<WebContents> getAllWebContents() {
    return bus.renderers().renderers().stream().map(renderer -> renderer.heldBy(actor)).toList();
  }

  @Override
  public Optional<WebContents> fromId(long id) {
    return bus.renderers().fromId(id).map(found -> ((Renderer) found).heldBy(actor));
  }

  /** @return the ports of the channels this bundle made that it still holds */
  public PortHolder ports() {
    return ports;
  }

  @Override
  public MessageChannelMain newMessageChannel() {
    bus.checkOpen();
    return ports.newChannel();
  }

  @Override
  public int listenerCount(String channel) {
    Channels.require(channel);
    return Introspection.count(bus.mainListeners(), channel);
  }

  @Override
  public List<String> eventNames() {
    return Introspection.names(bus.mainListeners());
  }

  /**
   * Removes the listeners and handlers this client added, also those on renderers'
   * {@code webContents.ipc}, and closes the ports of the channels it made; its bundle stopped using it.
   */
  public void release() {
    bus.mainListeners().removeAll(this::isMine);
    bus.handlers().removeAll(this::isMine);
    for (Renderer renderer : bus.renderers().renderers()) {
      WebContentsIpc scoped = renderer.scopedIpc();
      if (scoped != null) {
        scoped.removeAll(owner -> owner instanceof ScopedIpcMain ipc && bundle != null && ipc.bundle() == bundle);
      }
    }
    ports.closeAll();
    bus.clientReleased(this);
  }

  private IpcMain add(String channel, IpcMainListener listener, boolean once) {
    Channels.require(channel);
    Channels.requireNonNull(listener, "listener");
    bus.checkOpen();
    // Under the policy lock: a new policy is either checked here or applied to this listener.
    synchronized (bus.policyLock()) {
      bus.accessPolicy().checkReceiver(Role.LISTEN, actor, channel);
      bus.mainListeners().add(channel, listener, once, this, actor);
    }
    return this;
  }

  private void setHandler(String channel, IpcMainHandler handler, boolean once) {
    Channels.require(channel);
    Channels.requireNonNull(handler, "handler");
    bus.checkOpen();
    synchronized (bus.policyLock()) {
      bus.accessPolicy().checkReceiver(Role.HANDLE, actor, channel);
      bus.handlers().set(channel, HandlerRegistry.entry(handler, once, this, actor));
    }
  }

  private boolean isMine(Object owner) {
    return owner == this;
  }

  @Override
  public String toString() {
    return "IpcMain[" + actor + "]";
  }
}
