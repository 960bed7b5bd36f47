package org.ipcbus.impl.port;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.ipcbus.api.MessagePortListener;
import org.ipcbus.api.MessagePortMain;
import org.ipcbus.impl.clone.DataCloner;

/**
 * One end of a {@link PortPair} as one holder holds it: a {@code MessagePortMain}. What the other
 * end posts is queued here and, once started, delivered on the holder's lane in batches, so that
 * port traffic runs on the receiving holder's thread and never on a third party's (main's thread
 * for two renderers). A transfer replaces this object with a new end in flight, which gets its
 * holder when the message carrying it is delivered.
 */
public final class PortEnd implements MessagePortMain {

  /** How many messages one turn on the holder's lane delivers before letting others run. */
  private static final int BATCH = 256;
  /** Queued behind the messages when the other end closes. */
  private static final Object PEER_CLOSED = new Object();

  private enum State { OPEN, TRANSFERRED, CLOSED }

  private final PortPair pair;
  private final int side;
  private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
  private final List<MessagePortListener> listeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Runnable drain = this::drain;
  /** Null while in flight: transferred, not yet delivered to its new holder. */
  private volatile PortHolder holder;
  /** Changed with the pair's lock held. */
  private volatile State state = State.OPEN;
  private volatile boolean started;
  private volatile boolean peerClosed;
  private volatile boolean closedHere;
  private volatile String transferredTo;

  PortEnd(PortPair pair, int side, PortHolder holder) {
    this.pair = pair;
    this.side = side;
    this.holder = holder;
  }

  @Override
  public void postMessage(Object message, MessagePortMain... transfer) {
    requireNotTransferred("postMessage");
    if (closedHere) {
      throw new IllegalStateException("postMessage on a closed port: " + this + " was closed");
    }
    PortHolder current = holder;
    Object copy = DataCloner.cloneValue(message, "message", current.limits());
    Transfer moved = Transfer.of(transfer, pair, "port.postMessage on " + this);
    boolean queued = false;
    synchronized (pair) {
      if (state == State.TRANSFERRED) {
        moved.drop();
        requireNotTransferred("postMessage");
      }
      PortEnd peer = pair.current(1 - side);
      if (state == State.OPEN && peer.state == State.OPEN) {
        peer.enqueue(new Delivery(copy, moved));
        queued = true;
      }
    }
    if (!queued) {
      moved.drop(); // the other end is closed: dropped, as in Electron, and its ports with it
    }
  }

  @Override
  public void start() {
    requireNotTransferred("start");
    started = true;
    schedule();
  }

  @Override
  public void close() {
    requireNotTransferred("close");
    closeNow();
  }

  @Override
  public MessagePortMain onMessage(MessagePortListener listener) {
    requireListener(listener, "onMessage");
    listeners.add(listener);
    return this;
  }

  @Override
  public MessagePortMain removeMessageListener(MessagePortListener listener) {
    listeners.remove(listener);
    return this;
  }

  @Override
  public MessagePortMain onClose(Runnable listener) {
    requireListener(listener, "onClose");
    closeListeners.add(listener);
    return this;
  }

  @Override
  public boolean isClosed() {
    return state != State.OPEN || peerClosed;
  }

  /** @return the channel this end belongs to */
  public PortPair pair() {
    return pair;
  }

  /** @return 1 or 2: which port of its channel this is */
  public int portNumber() {
    return side + 1;
  }

  /** @return who holds it, or null while it is in flight to a new holder */
  public PortHolder holder() {
    return holder;
  }

  /** @return whether its holder started it */
  public boolean started() {
    return started;
  }

  /** @return messages waiting to be delivered here */
  public int queued() {
    return queue.size();
  }

  /**
   * Closes this end whoever asks: its holder went, or the message carrying it was dropped. The
   * other end hears it behind what was posted before. Messages queued here are dropped.
   */
  void closeNow() {
    List<Object> dropped = new ArrayList<>();
    synchronized (pair) {
      if (state != State.OPEN) {
        return;
      }
      state = State.CLOSED;
      closedHere = true;
      for (Object item; (item = queue.poll()) != null; ) {
        dropped.add(item);
      }
      PortEnd peer = pair.current(1 - side);
      if (peer.state == State.OPEN) {
        peer.peerClosed = true;
        peer.enqueue(PEER_CLOSED);
      }
    }
    PortHolder current = holder;
    if (current != null) {
      current.forget(this);
    }
    for (Object item : dropped) {
      if (item instanceof Delivery delivery) {
        delivery.ports().drop();
      }
    }
  }

  /**
   * Hands this end on: a new end takes its side of the channel and the messages queued here, and
   * this object is dead.
   *
   * @param to who it goes to, for the message of a later misuse
   * @return the new end, in flight until {@link #arrive}
   */
  PortEnd detach(String to) {
    PortEnd moved;
    synchronized (pair) {
      requireNotTransferred("transfer");
      if (state == State.CLOSED) {
        throw new IllegalStateException("a closed port cannot be transferred: " + this);
      }
      moved = new PortEnd(pair, side, null);
      for (Object item; (item = queue.poll()) != null; ) {
        moved.queue.add(item);
      }
      moved.peerClosed = peerClosed;
      pair.replace(side, moved);
      state = State.TRANSFERRED;
      transferredTo = to;
    }
    PortHolder old = holder;
    if (old != null) {
      old.forget(this);
    }
    return moved;
  }

  /** The message carrying this end was delivered: its new holder takes it. */
  void arrive(PortHolder newHolder) {
    holder = newHolder;
    newHolder.adopt(this);
  }

  /** @return whether this object is a live end that may be transferred */
  boolean transferable() {
    return state == State.OPEN;
  }

  /** @return why this object cannot be transferred, for an exception's message */
  String whyNotTransferable() {
    return state == State.TRANSFERRED
        ? this + " was already transferred (" + transferredTo + "); a port can be transferred once"
        : this + " is closed";
  }

  /** Called with the pair's lock held, so that the queue order is the post order. */
  private void enqueue(Object item) {
    queue.add(item);
    if (started) {
      schedule();
    }
  }

  private void schedule() {
    PortHolder current = holder;
    if (current != null && !queue.isEmpty() && scheduled.compareAndSet(false, true)
        && !current.offer(drain)) {
      scheduled.set(false); // the holder's thread is gone; its closeAll closes this end
    }
  }

  /** Runs on the holder's lane. */
  private void drain() {
    PortHolder current = holder;
    for (int i = 0; i < BATCH; i++) {
      Object item = queue.poll();
      if (item == null) {
        break;
      }
      if (item == PEER_CLOSED) {
        peerGone(current);
      } else {
        deliver(current, (Delivery) item);
      }
    }
    scheduled.set(false);
    if (started) {
      schedule();
    }
  }

  private void deliver(PortHolder current, Delivery delivery) {
    PortMessageEvent event = new PortMessageEvent(delivery.message(), delivery.ports().arrive(current));
    for (MessagePortListener listener : listeners) {
      try {
        listener.onMessage(event);
      } catch (Throwable t) {
        current.log().error("Message listener " + listener + " of " + this + " held by " + current
            + " threw", t);
      }
    }
  }

  private void peerGone(PortHolder current) {
    synchronized (pair) {
      if (state == State.OPEN) {
        state = State.CLOSED;
      }
    }
    current.forget(this);
    for (Runnable listener : closeListeners) {
      try {
        listener.run();
      } catch (Throwable t) {
        current.log().error("Close listener " + listener + " of " + this + " held by " + current
            + " threw", t);
      }
    }
  }

  private void requireNotTransferred(String what) {
    if (state == State.TRANSFERRED) {
      throw new IllegalStateException(what + " on a port that was transferred: " + this + " went to "
          + transferredTo + "; use the port the receiver got in event.getPorts()");
    }
  }

  private void requireListener(Object listener, String what) {
    if (listener == null) {
      throw new NullPointerException(what + ": listener is null");
    }
    requireNotTransferred(what);
  }

  @Override
  public String toString() {
    return "port" + (side + 1) + " of " + pair;
  }

  /** A message and the ports that travel with it. */
  private record Delivery(Object message, Transfer ports) {}
}
