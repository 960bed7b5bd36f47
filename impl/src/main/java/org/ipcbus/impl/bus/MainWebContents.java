package org.ipcbus.impl.bus;

import org.ipcbus.api.IpcMain;
import org.ipcbus.api.MessagePortMain;
import org.ipcbus.api.WebContents;
import org.ipcbus.api.WebContentsListener;
import org.ipcbus.impl.channel.Channels;
import org.osgi.framework.Bundle;

/**
 * A renderer's WebContents as one bundle of main holds it. In Electron all of main is one program;
 * here main is many bundles, so a send through a WebContents is a send by the bundle that holds it,
 * and the access policy's main-send rules decide whether that bundle may send to renderers as main
 * on the channel. Everything else is the renderer's.
 */
final class MainWebContents implements WebContents {

  private final Renderer renderer;
  private final Actor holder;
  private final Bus bus;
  private final ScopedIpcMain ipc;

  MainWebContents(Renderer renderer, Actor holder, Bus bus) {
    this.renderer = renderer;
    this.holder = holder;
    this.bus = bus;
    this.ipc = new ScopedIpcMain(renderer, holder, bus);
  }

  @Override
  public long getId() {
    return renderer.getId();
  }

  @Override
  public Bundle getBundle() {
    return renderer.getBundle();
  }

  @Override
  public long getOSProcessId() {
    return renderer.getOSProcessId();
  }

  @Override
  public boolean isDestroyed() {
    return renderer.isDestroyed();
  }

  @Override
  public void send(String channel, Object... args) {
    Channels.require(channel);
    bus.accessPolicy().checkMainSend(holder, renderer, channel);
    renderer.send(channel, args);
  }

  @Override
  public void postMessage(String channel, Object message, MessagePortMain... transfer) {
    Channels.require(channel);
    bus.accessPolicy().checkMainSend(holder, renderer, channel);
    renderer.postMessage(channel, message, transfer);
  }

  @Override
  public IpcMain ipc() {
    renderer.checkLive();
    return ipc;
  }

  @Override
  public void addWebContentsListener(WebContentsListener listener) {
    renderer.addWebContentsListener(listener, holder);
  }

  @Override
  public void removeWebContentsListener(WebContentsListener listener) {
    renderer.removeWebContentsListener(listener);
  }

  /** Two bundles' views of one renderer are equal: they are the same WebContents. */
  @Override
  public boolean equals(Object other) {
    return other instanceof MainWebContents view && view.renderer == renderer;
  }

  @Override
  public int hashCode() {
    return renderer.hashCode();
  }

  @Override
  public String toString() {
    return renderer.toString();
  }
}
