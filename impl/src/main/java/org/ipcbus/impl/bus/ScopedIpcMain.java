package org.ipcbus.impl.bus;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.ipcbus.api.IpcMain;
import org.ipcbus.api.IpcMainHandler;
import org.ipcbus.api.IpcMainListener;
import org.ipcbus.api.MessageChannelMain;
import org.ipcbus.api.WebContents;
import org.ipcbus.impl.channel.Channels;
import org.osgi.framework.Bundle;

/**
 * {@code webContents.ipc} as one bundle of main holds it: an IpcMain whose listeners and handlers
 * see one renderer's messages only. What it adds belongs to it, so to its bundle: removes act on
 * its own only, and {@link MainClient#release} removes them with the bundle's other registrations.
 */
final class ScopedIpcMain implements IpcMain {

  private final Renderer renderer;
  private final Actor actor;
  private final Bus bus;

  ScopedIpcMain(Renderer renderer, Actor actor, Bus bus) {
    this.renderer = renderer;
    this.actor = actor;
    this.bus = bus;
  }

  /** @return the bundle of main that holds it, or null */
  Bundle bundle() {
    return actor.bundle();
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
    WebContentsIpc scoped = renderer.scopedIpc();
    if (scoped != null) {
      scoped.listeners().remove(channel, listener, this::isMine);
    }
    return this;
  }

  @Override
  public IpcMain removeAllListeners(String channel) {
    Channels.require(channel);
    WebContentsIpc scoped = renderer.scopedIpc();
    if (scoped != null) {
      scoped.listeners().removeAll(channel, this::isMine);
    }
    return this;
  }

  @Override
  public IpcMain removeAllListeners() {
    WebContentsIpc scoped = renderer.scopedIpc();
    if (scoped != null) {
      scoped.listeners().removeAll(this::isMine);
    }
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
    WebContentsIpc scoped = renderer.scopedIpc();
    ListenerEntry<IpcMainHandler> current = scoped == null ? null : scoped.handlers().get(channel);
    if (current == null) {
      return;
    }
    if (!isMine(current.owner())) {
      throw Ownership.notYours(channel, current, actor);
    }
    scoped.handlers().remove(channel, this::isMine);
  }

  @Override
  public List<WebContents> getAllWebContents() {
    return bus.renderers().renderers().stream().map(each -> each.heldBy(actor)).toList();
  }

  @Override
  public Optional<WebContents> fromId(long id) {
    return bus.renderers().fromId(id).map(found -> ((Renderer) found).heldBy(actor));
  }

  @Override
  public MessageChannelMain newMessageChannel() {
    bus.checkOpen();
    return bus.mainPorts().newChannel();
  }

  @Override
  public int listenerCount(String channel) {
    Channels.require(channel);
    WebContentsIpc scoped = renderer.scopedIpc();
    return scoped == null ? 0 : Introspection.count(scoped.listeners(), channel);
  }

  @Override
  public List<String> eventNames() {
    WebContentsIpc scoped = renderer.scopedIpc();
    return scoped == null ? List.of() : Introspection.names(scoped.listeners());
  }

  private IpcMain add(String channel, IpcMainListener listener, boolean once) {
    Channels.require(channel);
    Channels.requireNonNull(listener, "listener");
    synchronized (bus.policyLock()) {
      bus.accessPolicy().checkReceiver(Role.LISTEN, actor, channel);
      renderer.scopedIpcForAdding().listeners().add(channel, listener, once, this, actor);
    }
    return this;
  }

  private void setHandler(String channel, IpcMainHandler handler, boolean once) {
    Channels.require(channel);
    Channels.requireNonNull(handler, "handler");
    synchronized (bus.policyLock()) {
      bus.accessPolicy().checkReceiver(Role.HANDLE, actor, channel);
      renderer.scopedIpcForAdding().handlers().set(channel, HandlerRegistry.entry(handler, once, this, actor));
    }
  }

  private boolean isMine(Object owner) {
    return owner == this;
  }

  @Override
  public String toString() {
    return "WebContents " + renderer.getId() + ".ipc[" + actor + "]";
  }
}
