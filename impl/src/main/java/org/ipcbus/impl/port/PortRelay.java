package org.ipcbus.impl.port;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.ipcbus.api.MessagePortMain;
import org.ipcbus.impl.clone.CloneLimits;

/**
 * One side of a connection to another process, as a holder of ports: the same mechanism as in one
 * framework, with the other process standing behind ends this relay holds. A port that crosses the
 * connection is a <em>link</em> with an id both sides know; on each side, the relay holds one
 * ordinary {@link PortEnd} for it, entangled with the port the side's own code holds. What that
 * code posts reaches the relay's end, whose listener writes it to the wire; what comes off the wire
 * is posted on the relay's end, so the receiving port queues, orders and delivers it on its holder's
 * thread as any port does. Closing, and a holder that goes, travel the same way.
 *
 * <p>The relay's ends run on its own thread, one per connection, so that a port message is relayed
 * by the connection's threads (this one, the reader, the writer) and never by main's thread or a
 * renderer's. Ids are allocated by the side that first sends a port: even on main's side, odd on
 * the child's, so that neither has to ask the other.
 */
public final class PortRelay {

  /** Writes a link's traffic to the other process. */
  public interface Wire {
    /**
     * Sends PORT_MESSAGE.
     *
     * @param port the link
     * @param message the cloned message
     * @param ports the links of the ports that travel with it, new on the connection
     */
    void message(long port, Object message, List<Long> ports);

    /**
     * Sends PORT_CLOSE: this side of the link closed.
     *
     * @param port the link
     */
    void close(long port);
  }

  /** What the other process sent breaks the protocol; the message names the port and why. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which port, which peer, why
     */
    public Refused(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Ports this side sends, linked but not yet started: the frame that announces their ids must be
   * queued first, or a message on one could overtake it.
   *
   * @param ids the links, in the order of the ports
   * @param ends the relay's ends of the links
   */
  public record Outgoing(List<Long> ids, List<PortEnd> ends) {
    /** The announcing frame is queued: the links may carry messages now. */
    public void start() {
      ends.forEach(PortEnd::start);
    }

    /** The announcing frame never left: the ports close, and their other ends hear it. */
    public void drop() {
      ends.forEach(PortEnd::closeNow);
    }
  }

  private final String peer;
  private final boolean mainSide;
  private final Wire wire;
  private final ExecutorService thread;
  private final PortHolder holder;
  private final Map<Long, PortEnd> links = new ConcurrentHashMap<>();
  /** The last id this side allocated. */
  private final AtomicLong lastOwn;
  /** The highest id the other side announced: ids at or below it were links once. */
  private final AtomicLong highestTheirs = new AtomicLong();

  /**
   * @param peer the other process, for messages, e.g. "renderer process 'billing'" or "main"
   * @param mainSide whether this is main's side of the connection (even ids) or the child's (odd)
   * @param threadName the name of the relay's thread
   * @param wire where the links' traffic goes
   * @param log where a failing relay is reported
   * @param limits the clone limits of messages posted on the relay's ends
   */
  public PortRelay(String peer, boolean mainSide, String threadName, Wire wire, PortHolder.FailureLog log,
      Supplier<CloneLimits> limits) {
    this.peer = peer;
    this.mainSide = mainSide;
    this.wire = wire;
    this.lastOwn = new AtomicLong(mainSide ? 0 : -1);
    this.thread = Executors.newSingleThreadExecutor(task -> {
      Thread relay = new Thread(task, threadName);
      relay.setDaemon(true);
      return relay;
    });
    this.holder = new PortHolder(peer, -1, this::offer, log, limits);
  }

  /**
   * Takes ports this side sends to the other process: they are detached from their holder (checked
   * as any transfer is) and linked, not yet started (see {@link Outgoing#start}).
   *
   * @param ports the ports named by the caller
   * @param call the call, for the exceptions' messages
   * @return the links
   * @throws IllegalStateException if a port cannot be transferred (see {@link Transfer#of})
   */
  public Outgoing send(List<MessagePortMain> ports, String call) {
    return link(Transfer.of(ports.toArray(MessagePortMain[]::new), null, call).arrive(holder));
  }

  /**
   * Makes this side's ports for links the other process announced in a POST or PORT_MESSAGE; they
   * are held by the relay until transferred to their receiver.
   *
   * @param ids the announced ids
   * @return one port per id, for the receiver
   * @throws Refused if an id has this side's parity or is a live link already
   */
  public List<MessagePortMain> receive(List<Long> ids) {
    List<MessagePortMain> ports = new ArrayList<>(ids.size());
    for (long id : ids) {
      if (isOwn(id)) {
        throw new Refused("port " + id + " was announced by " + peer + ", but ids it allocates are "
            + (mainSide ? "odd" : "even"));
      }
      PortPair pair = holder.newChannel();
      PortEnd relayed = (PortEnd) pair.getPort1();
      if (links.putIfAbsent(id, relayed) != null) {
        throw new Refused("port " + id + " was announced twice by " + peer);
      }
      highestTheirs.accumulateAndGet(id, Math::max);
      listen(id, relayed);
      relayed.start();
      ports.add(pair.getPort2());
    }
    return ports;
  }

  /**
   * PORT_MESSAGE: posts a message of the other process on its link. On a link that closed
   * meanwhile it is dropped, as on any closed port, and the ports it carries close.
   *
   * @param id the link
   * @param message the message
   * @param ids the links of the ports that travel with it
   * @throws Refused if the link never existed, or an announced id is wrong
   */
  public void message(long id, Object message, List<Long> ids) {
    PortEnd end = links.get(id);
    if (end == null) {
      requireKnown(id, "PORT_MESSAGE");
    }
    List<MessagePortMain> carried = receive(ids);
    try {
      if (end != null) {
        end.postMessage(message, carried.toArray(MessagePortMain[]::new));
        return;
      }
    } catch (IllegalStateException closedMeanwhile) {
      // The connection is closing: dropped, as on a closed port.
    }
    carried.forEach(port -> ((PortEnd) port).closeNow());
  }

  /**
   * PORT_CLOSE: the other process's side of a link closed; this side's port hears it.
   *
   * @param id the link
   * @throws Refused if the link never existed
   */
  public void close(long id) {
    PortEnd end = links.remove(id);
    if (end == null) {
      requireKnown(id, "PORT_CLOSE"); // both sides closed at once: nothing more to do
      return;
    }
    end.closeNow();
  }

  /** The connection is gone: every link closes, and the ports at their other ends hear it. */
  public void closeAll() {
    holder.closeAll();
    links.clear();
    thread.shutdown();
  }

  /** @return the number of live links */
  public int links() {
    return links.size();
  }

  /** @return the holder of the relay's ends, for the runtime */
  public PortHolder holder() {
    return holder;
  }

  private Outgoing link(List<MessagePortMain> arrived) {
    List<Long> ids = new ArrayList<>(arrived.size());
    List<PortEnd> ends = new ArrayList<>(arrived.size());
    for (MessagePortMain port : arrived) {
      PortEnd end = (PortEnd) port;
      long id = lastOwn.addAndGet(2);
      links.put(id, end);
      listen(id, end);
      ids.add(id);
      ends.add(end);
    }
    return new Outgoing(List.copyOf(ids), List.copyOf(ends));
  }

  /** The relay's end of a link forwards what this side posts, and its close, to the other process. */
  private void listen(long id, PortEnd end) {
    end.onMessage(event -> {
      Outgoing carried = link(event.getPorts());
      wire.message(id, event.getData(), carried.ids());
      carried.start();
    });
    end.onClose(() -> {
      if (links.remove(id, end)) {
        wire.close(id);
      }
    });
  }

  private boolean isOwn(long id) {
    return (id % 2 == 0) == mainSide;
  }

  private void requireKnown(long id, String kind) {
    long highest = isOwn(id) ? lastOwn.get() : highestTheirs.get();
    if (id <= 0 || id > highest) {
      throw new Refused(kind + " on port " + id + ", which " + peer + " does not hold: no port with that id "
          + "crossed this connection");
    }
  }

  private boolean offer(Runnable task) {
    try {
      thread.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "the ports of " + peer;
  }
}
