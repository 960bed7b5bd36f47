package org.ipcbus.impl.port;

import java.util.List;

import org.ipcbus.wire.FrameOutbox;
import org.ipcbus.wire.MessageCodec;
import org.ipcbus.wire.WireMessage;

/**
 * Writes a {@link PortRelay}'s traffic as PORT_MESSAGE and PORT_CLOSE frames to a connection's
 * outbox: the same on main's side and in a renderer process. It runs on the relay's thread.
 */
public final class OutboxWire implements PortRelay.Wire {

  private final FrameOutbox outbox;

  /**
   * Writes to an outbox.
   *
   * @param outbox the connection's outbox
   */
  public OutboxWire(FrameOutbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void message(long port, Object message, List<Long> ports) {
    outbox.post(MessageCodec.encode(new WireMessage.PortMessage(port, message, ports)));
  }

  @Override
  public void close(long port) {
    outbox.post(MessageCodec.encode(new WireMessage.PortClose(port)));
  }
}
