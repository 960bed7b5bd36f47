package org.ipcbus.impl.port;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.ipcbus.api.MessageChannelMain;
import org.ipcbus.api.MessagePortMain;

/**
 * Two entangled ports: a {@code MessageChannelMain}. It knows the current end of each side, which
 * changes when that side is transferred, and its lock orders a post against a transfer or a close
 * of the other side, so that no message is lost or delivered to an end that was handed on.
 */
public final class PortPair implements MessageChannelMain {

  private static final AtomicLong LAST_ID = new AtomicLong();

  private final long id = LAST_ID.incrementAndGet();
  private final PortEnd[] ends = new PortEnd[2];
  private final PortEnd port1;
  private final PortEnd port2;

  PortPair(PortHolder holder) {
    port1 = new PortEnd(this, 0, holder);
    port2 = new PortEnd(this, 1, holder);
    ends[0] = port1;
    ends[1] = port2;
    holder.adopt(port1);
    holder.adopt(port2);
  }

  /** @return the channel's id, unique while the framework runs, for the runtime and messages */
  public long id() {
    return id;
  }

  @Override
  public MessagePortMain getPort1() {
    return port1;
  }

  @Override
  public MessagePortMain getPort2() {
    return port2;
  }

  /** @return the current ends of both sides, as the runtime shows them */
  public synchronized List<PortEnd> ends() {
    return List.of(ends[0], ends[1]);
  }

  /** Called with this pair's lock held. */
  PortEnd current(int side) {
    return ends[side];
  }

  /** Called with this pair's lock held. */
  void replace(int side, PortEnd end) {
    ends[side] = end;
  }

  @Override
  public String toString() {
    return "MessageChannelMain " + id;
  }
}
