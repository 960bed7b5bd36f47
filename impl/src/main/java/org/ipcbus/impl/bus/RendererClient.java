package org.ipcbus.impl.bus;

import java.util.concurrent.CompletableFuture;

import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.IpcRendererListener;
import org.ipcbus.api.MessagePortMain;
import org.ipcbus.impl.channel.Channels;
import org.osgi.util.promise.Promise;

/**
 * The IpcRenderer of one renderer bundle. It can only ever send as its own renderer, which is what
 * makes the sender of every message unforgeable.
 */
public final class RendererClient implements IpcRenderer {

  private final Renderer renderer;
  private final Bus bus;

  RendererClient(Renderer renderer, Bus bus) {
    this.renderer = renderer;
    this.bus = bus;
  }

  @Override
  public void send(String channel, Object... args) {
    bus.send(renderer, channel, args);
  }

  @Override
  public Object sendSync(String channel, Object... args) {
    return bus.sendSync(renderer, channel, args);
  }

  @Override
  public void postMessage(String channel, Object message, MessagePortMain... transfer) {
    bus.postMessage(renderer, channel, message, transfer);
  }

  @Override
  public Promise<Object> invoke(String channel, Object... args) {
    return bus.invoke(renderer, channel, args);
  }

  /**
   * A sendSync that does not block: for a renderer in another process, whose connection must go on
   * reading while main works.
   *
   * @param channel the channel
   * @param args the arguments
   * @return main's return value, or the failure sendSync would throw
   */
  public CompletableFuture<Object> sendSyncAsync(String channel, Object... args) {
    return bus.call(PendingCall.Kind.SEND_SYNC, renderer, channel, args);
  }

  /**
   * An invoke whose answer is not handed to this renderer's thread first: for a renderer in
   * another process, whose own thread is over there.
   *
   * @param channel the channel
   * @param args the arguments
   * @return the handler's answer, or the failure invoke's promise would carry
   */
  public CompletableFuture<Object> invokeAsync(String channel, Object... args) {
    return bus.call(PendingCall.Kind.INVOKE, renderer, channel, args);
  }

  @Override
  public IpcRenderer on(String channel, IpcRendererListener listener) {
    return add(channel, listener, false);
  }

  @Override
  public IpcRenderer once(String channel, IpcRendererListener listener) {
    return add(channel, listener, true);
  }

  @Override
  public IpcRenderer removeListener(String channel, IpcRendererListener listener) {
    Channels.require(channel);
    Channels.requireNonNull(listener, "listener");
    renderer.listeners().remove(channel, listener, this::isMine);
    return this;
  }

  @Override
  public IpcRenderer removeAllListeners(String channel) {
    Channels.require(channel);
    renderer.listeners().removeAll(channel, this::isMine);
    return this;
  }

  @Override
  public IpcRenderer removeAllListeners() {
    renderer.listeners().removeAll(this::isMine);
    return this;
  }

  @Override
  public long getId() {
    return renderer.getId();
  }

  /** @return the renderer this client sends as */
  public Renderer renderer() {
    return renderer;
  }

  private IpcRenderer add(String channel, IpcRendererListener listener, boolean once) {
    Channels.require(channel);
    Channels.requireNonNull(listener, "listener");
    renderer.checkLive();
    renderer.listeners().add(channel, listener, once, this);
    return this;
  }

  /** Whiteboard listeners belong to their service registration, not to on/once/remove. */
  private boolean isMine(Object owner) {
    return owner == this;
  }

  @Override
  public String toString() {
    return "IpcRenderer[" + renderer + "]";
  }
}
