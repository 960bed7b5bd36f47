package org.ipcbus.impl.bus;

import java.util.List;

import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.IpcRendererEvent;
import org.ipcbus.api.MessagePortMain;

/**
 * One message as a renderer's listeners see it.
 *
 * @param getSender the receiving renderer
 * @param getChannel the channel
 * @param getPorts the ports that came with it, now the renderer's
 */
record RendererEvent(IpcRenderer getSender, String getChannel, List<MessagePortMain> getPorts)
    implements IpcRendererEvent {}
