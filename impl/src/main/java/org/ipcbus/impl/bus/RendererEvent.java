package org.ipcbus.impl.bus;

import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.IpcRendererEvent;

/**
 * One message as a renderer's listeners see it.
 *
 * @param getSender the receiving renderer
 * @param getChannel the channel
 */
record RendererEvent(IpcRenderer getSender, String getChannel) implements IpcRendererEvent {}
