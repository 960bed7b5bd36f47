package org.ipcbus.impl.port;

import java.util.List;

import org.ipcbus.api.MessageEvent;
import org.ipcbus.api.MessagePortMain;

/**
 * A message as a port's listeners see it.
 *
 * @param getData the cloned message
 * @param getPorts the ports that came with it, now the receiver's
 */
record PortMessageEvent(Object getData, List<MessagePortMain> getPorts) implements MessageEvent {}
