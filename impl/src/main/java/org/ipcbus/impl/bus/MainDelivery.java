package org.ipcbus.impl.bus;

import org.ipcbus.api.IpcMainListener;

/**
 * One message on its way to main's listeners of its channel: calls each, counts and logs the ones
 * that throw, and reports the ones that held the dispatch thread longer than the slow-listener
 * threshold. A clock read costs more here than the rest of a dispatch (60-100 ns on a VM's
 * kvm-clock), so the first listener's time runs from the lane's read at the start of the task, each
 * other listener's from the end of the previous one, and the last one's end is the lane's next
 * read ({@link SerialLane#atNextClock}): a message with one listener costs no clock read of its own.
 */
final class MainDelivery implements ListenerList.Delivery<IpcMainListener>, SerialLane.Clocked {

  private final Bus bus;
  private final MainEvent event;
  private final Object[] args;
  private final ChannelStats stats;
  private long start;
  /** The listener that ran last and whose end time is still to come, or null. */
  private IpcMainListener ended;

  MainDelivery(Bus bus, MainEvent event, Object[] args, ChannelStats stats) {
    this.bus = bus;
    this.event = event;
    this.args = args;
    this.stats = stats;
    // Interceptors ran before the listeners: their time is not the first listener's.
    this.start = bus.interceptors().entries().isEmpty() ? SerialLane.taskStartNanos() : System.nanoTime();
  }

  @Override
  public void call(ListenerEntry<IpcMainListener> entry) throws Exception {
    if (ended != null) {
      clocked(System.nanoTime()); // the previous listener's end is this one's start
    }
    try {
      entry.listener().onMessage(new ReceiverEvent(event, entry.actor()), args);
    } finally {
      ended = entry.listener();
      SerialLane.atNextClock(this);
    }
  }

  @Override
  public void clocked(long nanos) {
    IpcMainListener listener = ended;
    if (listener != null) {
      ended = null;
      MainDispatcher.checkSlow(bus, listener, event.channel(), nanos - start, stats);
      start = nanos;
    }
  }

  @Override
  public void failed(IpcMainListener listener, Throwable failure) {
    stats.error(failure);
    bus.log().error("Listener " + listener + " of channel '" + event.channel()
        + "' failed for WebContents " + event.sender().getId(), failure);
  }
}
