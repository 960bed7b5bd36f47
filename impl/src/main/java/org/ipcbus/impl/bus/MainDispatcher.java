package org.ipcbus.impl.bus;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcAccessDeniedException;
import org.ipcbus.api.IpcException;
import org.ipcbus.api.IpcMainHandler;
import org.ipcbus.api.IpcRemoteException;
import org.ipcbus.impl.clone.DataCloner;
import org.ipcbus.impl.port.Transfer;
import org.osgi.util.promise.Promise;

/**
 * Runs main's side of each message on the main dispatch thread: the listeners of send and
 * sendSync, the handler of invoke, and the reply.
 */
final class MainDispatcher {

  private final Bus bus;

  MainDispatcher(Bus bus) {
    this.bus = bus;
  }

  /** A send: every listener of the channel, in order. A message nobody listens to is dropped. */
  void deliver(Renderer sender, String channel, Object[] args) {
    ChannelStats stats = bus.channelCounters().of(channel);
    MainEvent event = new MainEvent(sender, channel, false, bus.config().cloneLimits());
    if (intercepted(event, args, stats) == null) {
      runListeners(event, args, stats);
    }
  }

  /**
   * A postMessage: a send whose ports become main's, or close if no listener gets them (rejected,
   * or nobody listens), so that their other ends hear it.
   */
  void deliverPosted(Renderer sender, String channel, Object[] args, Transfer ports) {
    ChannelStats stats = bus.channelCounters().of(channel);
    MainEvent event = new MainEvent(sender, channel, false, bus.config().cloneLimits());
    if (intercepted(event, args, stats) != null || !hasLive(sender, channel)) {
      ports.drop();
      return;
    }
    event.ports(ports.arrive(bus.mainPorts()));
    runListeners(event, args, stats);
  }

  /** A sendSync: every listener, then the return value (or the first failure) to the caller. */
  void deliverSync(Renderer sender, String channel, Object[] args, PendingCall call) {
    ChannelStats stats = bus.channelCounters().of(channel);
    MainEvent event = new MainEvent(sender, channel, true, bus.config().cloneLimits());
    IpcAccessDeniedException rejection = intercepted(event, args, stats);
    if (rejection != null) {
      call.fail(rejection);
      return;
    }
    if (!hasLive(sender, channel)) {
      bus.log().warn("sendSync on channel '" + channel + "' from WebContents " + sender.getId()
          + " has no listener; it returns null");
      call.complete(null);
      return;
    }
    Throwable failure = runListeners(event, args, stats);
    if (failure != null) {
      call.fail(remote(channel, failure));
    } else {
      call.complete(event.returnValue());
    }
  }

  /** An invoke: the channel's handler, whose value, promise or stage settles the call. */
  void invoke(Renderer sender, String channel, Object[] args, PendingCall call) {
    ChannelStats stats = bus.channelCounters().of(channel);
    MainEvent event = new MainEvent(sender, channel, false, bus.config().cloneLimits());
    IpcAccessDeniedException rejection = intercepted(event, args, stats);
    if (rejection != null) {
      call.fail(rejection);
      return;
    }
    // webContents.ipc's handler answers for its renderer, else ipcMain's (Electron's order).
    WebContentsIpc scoped = sender.scopedIpc();
    ListenerEntry<IpcMainHandler> entry = scoped == null ? null : scoped.handlers().take(channel);
    if (entry == null) {
      entry = bus.handlers().take(channel);
    }
    // A handler removed since it was taken is not called: as if the removal came first.
    if (entry == null || !entry.enter()) {
      IpcException missing = new IpcException("No handler registered for '" + channel + "'");
      stats.error(missing);
      call.fail(missing);
      return;
    }
    Object result;
    long start = System.nanoTime();
    try {
      result = entry.listener().handle(new ReceiverEvent(event, entry.actor()), args);
    } catch (Throwable t) {
      handlerFailed(sender, channel, call, t);
      return;
    } finally {
      entry.exit();
      checkSlow(bus, entry.listener(), channel, System.nanoTime() - start, stats);
    }
    if (result instanceof Promise<?> promise) {
      promise.onResolve(() -> settle(sender, channel, call, promise));
    } else if (result instanceof CompletionStage<?> stage) {
      stage.whenComplete((value, failure) -> {
        if (failure != null) {
          handlerFailed(sender, channel, call, unwrap(failure));
        } else {
          reply(sender, channel, call, value);
        }
      });
    } else {
      reply(sender, channel, call, result);
    }
  }

  /**
   * Runs the interceptors; a message they let through is counted as dispatched, one they reject
   * as denied.
   *
   * @return the rejection, or null
   */
  private IpcAccessDeniedException intercepted(MainEvent event, Object[] args, ChannelStats stats) {
    IpcAccessDeniedException rejection = bus.interceptors().check(event, args);
    if (rejection != null) {
      stats.deny();
    } else {
      stats.message();
    }
    return rejection;
  }

  private void settle(Renderer sender, String channel, PendingCall call, Promise<?> promise) {
    Throwable failure;
    try {
      failure = promise.getFailure();
      if (failure == null) {
        reply(sender, channel, call, promise.getValue());
        return;
      }
    } catch (Exception e) {
      failure = e;
    }
    handlerFailed(sender, channel, call, failure);
  }

  private void reply(Renderer sender, String channel, PendingCall call, Object value) {
    Object copy;
    try {
      copy = DataCloner.cloneValue(value, "reply", bus.config().cloneLimits());
    } catch (RuntimeException e) {
      handlerFailed(sender, channel, call, e);
      return;
    }
    call.complete(copy);
  }

  private void handlerFailed(Renderer sender, String channel, PendingCall call, Throwable failure) {
    bus.channelCounters().of(channel).error(failure);
    bus.log().error("Handler of channel '" + channel + "' failed for WebContents " + sender.getId(), failure);
    call.fail(remote(channel, failure));
  }

  /** webContents.ipc's listeners first, then ipcMain's (Electron's order); the first failure. */
  private Throwable runListeners(MainEvent event, Object[] args, ChannelStats stats) {
    WebContentsIpc scoped = event.sender().scopedIpc();
    Throwable first = scoped == null ? null
        : scoped.listeners().deliver(event.channel(), new MainDelivery(bus, event, args, stats));
    Throwable global = bus.mainListeners().deliver(event.channel(), new MainDelivery(bus, event, args, stats));
    return first != null ? first : global;
  }

  private boolean hasLive(Renderer sender, String channel) {
    WebContentsIpc scoped = sender.scopedIpc();
    return bus.mainListeners().hasLive(channel) || scoped != null && scoped.listeners().hasLive(channel);
  }

  /**
   * Reports a listener or handler that held the dispatch thread, and so every other message, for
   * longer than the threshold.
   *
   * @param nanos how long it ran
   */
  static void checkSlow(Bus bus, Object listener, String channel, long nanos, ChannelStats stats) {
    long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
    long threshold = bus.config().slowListenerMillis();
    if (millis >= threshold) {
      stats.slowDelivery();
      bus.log().warn("Slow listener " + listener + " of channel '" + channel + "' ran for "
          + millis + " ms on main's dispatch thread (threshold " + threshold + " ms); "
          + "messages on every channel waited");
    }
  }

  private static IpcRemoteException remote(String channel, Throwable failure) {
    return new IpcRemoteException(channel, failure.getClass().getName(), failure.getMessage());
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }
}
