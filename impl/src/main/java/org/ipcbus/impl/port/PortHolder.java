package org.ipcbus.impl.port;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.ipcbus.impl.clone.CloneLimits;

/**
 * Who holds ports: main (or one bundle of main) or one renderer. Its port listeners run on its
 * lane, one at a time; when it goes ({@link #closeAll}), the ports it holds close, and their other
 * ends hear it.
 */
public final class PortHolder {

  /** Runs a port's deliveries on the holder's thread. */
  @FunctionalInterface
  public interface Lane {
    /**
     * @param task the task
     * @return false if the holder's thread is gone; the task will not run
     */
    boolean offer(Runnable task);
  }

  /** Where a listener that throws is reported. */
  @FunctionalInterface
  public interface FailureLog {
    /**
     * @param message what failed
     * @param failure the throwable
     */
    void error(String message, Throwable failure);
  }

  private final String name;
  private final long webContentsId;
  private final Lane lane;
  private final FailureLog log;
  private final Supplier<CloneLimits> limits;
  private final Set<PortEnd> held = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @param name for messages and the runtime, e.g. "main" or "WebContents 3 (bundle com.acme.a)"
   * @param webContentsId the renderer's WebContents id, or 0 for main
   * @param lane the holder's thread
   * @param log where failing listeners are reported
   * @param limits the clone limits in force
   */
  public PortHolder(String name, long webContentsId, Lane lane, FailureLog log, Supplier<CloneLimits> limits) {
    this.name = name;
    this.webContentsId = webContentsId;
    this.lane = lane;
    this.log = log;
    this.limits = limits;
  }

  /** @return its name, e.g. "main" or "WebContents 3 (bundle com.acme.a)" */
  public String name() {
    return name;
  }

  /** @return the WebContents id of the renderer, or 0 for main */
  public long webContentsId() {
    return webContentsId;
  }

  /** @return the ports it holds now */
  public List<PortEnd> ports() {
    return List.copyOf(held);
  }

  /**
   * Makes a new channel whose two ports this holder holds.
   *
   * @return the channel
   * @throws IllegalStateException if this holder is gone
   */
  public PortPair newChannel() {
    if (closed) {
      throw new IllegalStateException("cannot make a MessageChannelMain: " + name + " is gone");
    }
    return new PortPair(this);
  }

  /** Closes every port it holds, and every port handed to it from now on; the holder is gone. */
  public void closeAll() {
    closed = true;
    for (PortEnd end : List.copyOf(held)) {
      end.closeNow(); // not close(): one transferred meanwhile is no longer ours, and is skipped
    }
  }

  boolean isClosed() {
    return closed;
  }

  /** Takes a port; a holder that is gone closes it at once, so its other end hears it. */
  void adopt(PortEnd end) {
    held.add(end);
    if (closed) {
      end.closeNow();
    }
  }

  void forget(PortEnd end) {
    held.remove(end);
  }

  boolean offer(Runnable task) {
    return lane.offer(task);
  }

  FailureLog log() {
    return log;
  }

  CloneLimits limits() {
    return limits.get();
  }

  @Override
  public String toString() {
    return name;
  }
}
