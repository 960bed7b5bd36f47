package org.ipcbus.impl.bus;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.ipcbus.api.IpcException;
import org.ipcbus.api.IpcMainListener;
import org.ipcbus.api.IpcRemoteException;
import org.ipcbus.impl.clone.DataCloner;
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
    runListeners(new MainEvent(sender, channel, false, bus.config().cloneLimits()), args);
  }

  /** A sendSync: every listener, then the return value (or the first failure) to the caller. */
  void deliverSync(Renderer sender, String channel, Object[] args, PendingCall call) {
    if (bus.mainListeners().get(channel).length == 0) {
      bus.log().warn("sendSync on channel '" + channel + "' from WebContents " + sender.getId()
          + " has no listener; it returns null");
      call.complete(null);
      return;
    }
    MainEvent event = new MainEvent(sender, channel, true, bus.config().cloneLimits());
    Throwable failure = runListeners(event, args);
    if (failure != null) {
      call.fail(remote(channel, failure));
    } else {
      call.complete(event.getReturnValue());
    }
  }

  /** An invoke: the channel's handler, whose value, promise or stage settles the call. */
  void invoke(Renderer sender, String channel, Object[] args, PendingCall call) {
    HandlerRegistry.Entry entry = bus.handlers().take(channel);
    if (entry == null) {
      call.fail(new IpcException("No handler registered for '" + channel + "'"));
      return;
    }
    Object result;
    try {
      result = entry.handler().handle(new MainEvent(sender, channel, false, bus.config().cloneLimits()), args);
    } catch (Throwable t) {
      handlerFailed(sender, channel, call, t);
      return;
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
    bus.log().error("Handler of channel '" + channel + "' failed for WebContents " + sender.getId(), failure);
    call.fail(remote(channel, failure));
  }

  private Throwable runListeners(MainEvent event, Object[] args) {
    return bus.mainListeners().deliver(event.getChannel(),
        listener -> listener.onMessage(event, args),
        (IpcMainListener listener, Throwable failure) -> bus.log().error("Listener " + listener
            + " of channel '" + event.getChannel() + "' failed for WebContents "
            + event.getSender().getId(), failure));
  }

  private static IpcRemoteException remote(String channel, Throwable failure) {
    return new IpcRemoteException(channel, failure.getClass().getName(), failure.getMessage());
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }
}
