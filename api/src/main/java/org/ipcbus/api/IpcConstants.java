package org.ipcbus.api;

/** Names shared by ipcbus and its users. */
public final class IpcConstants {

  /**
   * The whiteboard service property naming the channels of an {@link IpcMainListener},
   * {@link IpcMainHandler} or {@link IpcRendererListener} service: a String or a String[] (or a
   * collection of strings) of non-blank channel names.
   */
  public static final String CHANNEL = "ipc.channel";

  private IpcConstants() {}
}
