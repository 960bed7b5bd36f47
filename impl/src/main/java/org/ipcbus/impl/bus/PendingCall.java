package org.ipcbus.impl.bus;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.ipcbus.api.IpcException;
import org.ipcbus.api.IpcTimeoutException;

/**
 * A sendSync or invoke waiting for main's answer. The first outcome wins: the answer, a failure,
 * the timeout, or the end of its renderer or of the bus.
 */
final class PendingCall {

  /** The two calls that wait for main. */
  enum Kind {
    SEND_SYNC("sendSync"), INVOKE("invoke");

    private final String method;

    Kind(String method) {
      this.method = method;
    }
  }

  /** How long a sendSync (or invoke getValue) caller looks for the answer before it parks: 20 µs. */
  static final long SPIN_NANOS = Long.getLong("org.ipcbus.sync.spin.nanos", 20_000);
  /** How many of those looks are a pure spin, before each look yields the core. */
  private static final int PURE_SPINS = 128;

  /**
   * Looks for an answer for up to {@link #SPIN_NANOS} before the caller blocks for it: a parked
   * thread takes 5-50 µs to run again on a VM, longer than main takes to answer, so a caller that
   * looks a little first is answered without a wake-up; one that blocks costs that much more.
   * The first looks spin, the later ones give the core away.
   *
   * @param answered whether the answer is there
   */
  static void lookFor(BooleanSupplier answered) {
    if (SPIN_NANOS <= 0 || answered.getAsBoolean()) {
      return;
    }
    long deadline = System.nanoTime() + SPIN_NANOS;
    for (int i = 0; !answered.getAsBoolean(); i++) {
      if (i < PURE_SPINS) {
        Thread.onSpinWait();
      } else if (System.nanoTime() - deadline >= 0) {
        return;
      } else {
        Thread.yield();
      }
    }
  }

  private final Kind kind;
  private final String description;
  private final CompletableFuture<Object> outcome = new CompletableFuture<>();

  /**
   * @param kind which call
   * @param channel its channel
   */
  PendingCall(Kind kind, String channel) {
    this.kind = kind;
    this.description = kind.method + " on channel '" + channel + "'";
  }

  Kind kind() {
    return kind;
  }

  /** @return what is waiting, for messages, e.g. "sendSync on channel 'x'" */
  String description() {
    return description;
  }

  CompletableFuture<Object> outcome() {
    return outcome;
  }

  boolean complete(Object value) {
    return outcome.complete(value);
  }

  boolean fail(Throwable failure) {
    return outcome.completeExceptionally(failure);
  }

  /** @return the exception that a timeout of this call gives */
  IpcTimeoutException timeout(long millis) {
    return new IpcTimeoutException(description + " got no answer within " + millis + " ms");
  }

  /**
   * Blocks until the outcome is known. It looks for the answer a little first: when main is awake,
   * its answer comes in a few microseconds, sooner than a parked caller is woken (a wake-up of a
   * parked thread is most of a round trip), and main finds its next message without a wake-up
   * either. The look gives way to other threads after a few turns, so that on a busy machine it
   * does not take the core main needs.
   *
   * @param millis the timeout
   * @return the answer
   * @throws RuntimeException the failure, with the caller's stack trace
   */
  Object await(long millis) {
    lookFor(outcome::isDone);
    try {
      return outcome.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      fail(timeout(millis)); // loses to an answer that came in the meantime
      return now();
    } catch (ExecutionException e) {
      throw atCaller(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(new IpcException(description + " was interrupted", e));
      return now();
    }
  }

  /** The outcome, which is known. */
  private Object now() {
    try {
      return outcome.getNow(null);
    } catch (CompletionException e) {
      throw atCaller(e.getCause());
    }
  }

  private static RuntimeException atCaller(Throwable failure) {
    // The failure was made on another thread; the caller's stack is what helps its reader.
    failure.fillInStackTrace();
    return failure instanceof RuntimeException runtime ? runtime : new IpcException(failure.toString(), failure);
  }
}
