package org.ipcbus.impl.bus;

import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcMainListener;

/**
 * One message on its way to main's listeners of its channel: calls each, counts and logs the ones
 * that throw, and reports the ones that held the dispatch thread longer than the slow-listener
 * threshold. Each listener's time runs from the end of the previous one, so that a message costs
 * one clock read per listener.
 */
final class MainDelivery implements ListenerList.Delivery<IpcMainListener> {

  private final Bus bus;
  private final MainEvent event;
  private final Object[] args;
  private final ChannelStats stats;
  private long start = System.nanoTime();

  MainDelivery(Bus bus, MainEvent event, Object[] args, ChannelStats stats) {
    this.bus = bus;
    this.event = event;
    this.args = args;
    this.stats = stats;
  }

  @Override
  public void call(ListenerEntry<IpcMainListener> entry) throws Exception {
    try {
      entry.listener().onMessage(new ReceiverEvent(event, entry.actor()), args);
    } finally {
      long end = System.nanoTime();
      MainDispatcher.checkSlow(bus, entry.listener(), event.channel(), end - start, stats);
      start = end;
    }
  }

  @Override
  public void failed(IpcMainListener listener, Throwable failure) {
    stats.error(failure);
    bus.log().error("Listener " + listener + " of channel '" + event.channel()
        + "' failed for WebContents " + event.sender().getId(), failure);
  }
}
