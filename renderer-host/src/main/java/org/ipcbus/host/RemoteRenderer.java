package org.ipcbus.host;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.ipcbus.api.IpcClosedException;
import org.ipcbus.api.IpcException;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.IpcRendererEvent;
import org.ipcbus.api.IpcRendererListener;
import org.ipcbus.api.IpcTimeoutException;
import org.ipcbus.api.MessagePortMain;
import org.ipcbus.impl.channel.Channels;
import org.ipcbus.impl.clone.DataCloner;
import org.ipcbus.impl.port.PortHolder;
import org.ipcbus.impl.port.Transfer;
import org.osgi.framework.Bundle;
import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.PromiseFactory;

/**
 * The IpcRenderer of one bundle of this process: the same contract as in main's framework. Calls
 * are cloned here, so a bad argument fails the caller before anything leaves the process, then
 * travel to main as frames; main's messages to it run its listeners on its own thread, in order.
 */
final class RemoteRenderer implements IpcRenderer {

  /** How much longer than main's timeout a caller waits, for main's own timeout answer to arrive. */
  private static final long GRACE_MILLIS = 1_000;

  private final long id;
  private final Bundle bundle;
  private final HostConnection main;
  private final ExecutorService lane;
  private final PromiseFactory promises;
  private final RendererListeners listeners;
  /** The ports it holds; their messages run on its thread, as its other messages do. */
  private final PortHolder ports;
  private volatile String destroyedReason;

  RemoteRenderer(long id, Bundle bundle, HostConnection main) {
    this.id = id;
    this.bundle = bundle;
    this.main = main;
    this.lane = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "ipcbus-renderer-" + id);
      thread.setDaemon(true);
      return thread;
    });
    // Promise callbacks run on the renderer's own thread, as in main's framework.
    this.promises = new PromiseFactory(lane, main.timer(), PromiseFactory.Option.CALLBACKS_EXECUTOR_THREAD);
    this.ports = new PortHolder("WebContents " + id + " (bundle " + bundle.getSymbolicName() + ")", id,
        this::offer, main.log()::error, () -> main.settings().cloneLimits());
    this.listeners = new RendererListeners((channel, listened) -> {
      if (destroyedReason == null) {
        main.listen(id, channel, listened);
      }
    });
  }

  @Override
  public void send(String channel, Object... args) {
    main.send(id, Channels.require(channel), prepare(args));
  }

  @Override
  public Object sendSync(String channel, Object... args) {
    Channels.require(channel);
    CompletableFuture<Object> answer = main.sendSync(id, channel, prepare(args));
    long timeout = main.settings().syncTimeoutMillis();
    try {
      return answer.get(timeout + GRACE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(false);
      throw new IpcTimeoutException("sendSync on channel '" + channel + "' got no answer within "
          + timeout + " ms");
    } catch (ExecutionException e) {
      throw atCaller(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IpcException("sendSync on channel '" + channel + "' was interrupted", e);
    }
  }

  @Override
  public Promise<Object> invoke(String channel, Object... args) {
    Channels.require(channel);
    Object[] copy = prepare(args);
    Deferred<Object> deferred = promises.deferred();
    main.invoke(id, channel, copy).whenComplete((value, failure) -> {
      if (failure != null) {
        deferred.fail(failure);
      } else {
        deferred.resolve(value);
      }
    });
    return deferred.getPromise();
  }

  /**
   * Without ports, a send of the one message. With ports, a POST: the ports cross to main (protocol
   * version 2; main of version 1 refuses them with IllegalStateException).
   */
  @Override
  public void postMessage(String channel, Object message, MessagePortMain... transfer) {
    if (transfer == null || transfer.length == 0) {
      send(channel, message);
      return;
    }
    Channels.require(channel);
    main.postMessage(id, channel, prepare(new Object[] {message})[0], transfer);
  }

  @Override
  public IpcRenderer on(String channel, IpcRendererListener listener) {
    return add(channel, listener, false, this);
  }

  @Override
  public IpcRenderer once(String channel, IpcRendererListener listener) {
    return add(channel, listener, true, this);
  }

  @Override
  public IpcRenderer removeListener(String channel, IpcRendererListener listener) {
    Channels.require(channel);
    Channels.requireNonNull(listener, "listener");
    listeners.remove(channel, listener, this::isMine);
    return this;
  }

  @Override
  public IpcRenderer removeAllListeners(String channel) {
    listeners.removeAll(Channels.require(channel), this::isMine);
    return this;
  }

  @Override
  public IpcRenderer removeAllListeners() {
    listeners.removeAll(this::isMine);
    return this;
  }

  @Override
  public long getId() {
    return id;
  }

  /** @return the bundle this renderer is */
  Bundle bundle() {
    return bundle;
  }

  /** @return its listeners, for the whiteboard */
  RendererListeners listeners() {
    return listeners;
  }

  /** Adds a listener for another owner than the API: a whiteboard service. */
  IpcRenderer add(String channel, IpcRendererListener listener, boolean once, Object owner) {
    Channels.require(channel);
    Channels.requireNonNull(listener, "listener");
    checkLive();
    listeners.add(channel, listener, once, owner);
    return this;
  }

  /** Runs the listeners of a message from main on this renderer's thread, after the ones before it. */
  void deliver(String channel, Object[] args) {
    deliver(new Message(channel, args, Transfer.NONE));
  }

  /**
   * Runs the listeners of main's webContents.postMessage with ports on this renderer's thread; the
   * ports are this renderer's when they run, and close if it is destroyed first.
   */
  void deliverPosted(String channel, Object message, List<MessagePortMain> transferred) {
    Transfer moved = Transfer.of(transferred.toArray(MessagePortMain[]::new), null,
        "webContents.postMessage on channel '" + channel + "' to WebContents " + id);
    deliver(new Message(channel, new Object[] {message}, moved));
  }

  private void deliver(Message message) {
    try {
      lane.execute(message);
    } catch (RejectedExecutionException e) {
      // destroyed: as in main's framework, messages to a destroyed renderer are dropped, and their ports close
      message.ports().drop();
    }
  }

  /**
   * Ends this renderer: no listener runs any more, later calls throw IpcClosedException. Its calls
   * waiting for main are ended by the connection.
   */
  void destroy(String reason) {
    destroyedReason = reason;
    listeners.removeAll(owner -> true);
    ports.closeAll(); // their other ends hear it, in main or wherever they are
    for (Runnable dropped : lane.shutdownNow()) {
      if (dropped instanceof Message message) {
        message.ports().drop();
      }
    }
  }

  /** @return the ports it holds */
  PortHolder ports() {
    return ports;
  }

  private boolean offer(Runnable task) {
    try {
      lane.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  private void run(String channel, Object[] args, Transfer transfer) {
    IpcRendererEvent event = new HostEvent(this, channel, transfer.arrive(ports));
    for (RendererListeners.Entry entry : listeners.take(channel)) {
      if (listeners.mayRun(channel, entry)) {
        try {
          entry.listener().onMessage(event, args);
        } catch (Throwable t) {
          main.log().error("Renderer listener " + entry.listener() + " of WebContents " + id
              + " on channel '" + channel + "' threw", t);
        }
      }
    }
  }

  private Object[] prepare(Object[] args) {
    checkLive();
    return DataCloner.cloneArgs(args, main.settings().cloneLimits());
  }

  private void checkLive() {
    String reason = destroyedReason;
    if (reason != null) {
      throw new IpcClosedException("WebContents " + id + " is destroyed: " + reason);
    }
  }

  private boolean isMine(Object owner) {
    return owner == this;
  }

  private static RuntimeException atCaller(Throwable failure) {
    // Made on the connection's thread; the caller's stack is what helps its reader.
    failure.fillInStackTrace();
    return failure instanceof RuntimeException runtime ? runtime : new IpcException(failure.toString(), failure);
  }

  @Override
  public String toString() {
    return "IpcRenderer[WebContents " + id + ", bundle " + bundle.getSymbolicName() + ", in process '"
        + main.settings().name() + "']";
  }

  /** One message as this renderer's listeners see it, with the ports that came with it, now its own. */
  private record HostEvent(IpcRenderer getSender, String getChannel, List<MessagePortMain> getPorts)
      implements IpcRendererEvent {}

  /** A message from main waiting for this renderer's thread; its ports are in flight until it runs. */
  private final class Message implements Runnable {
    private final String channel;
    private final Object[] args;
    private final Transfer ports;

    Message(String channel, Object[] args, Transfer ports) {
      this.channel = channel;
      this.args = args;
      this.ports = ports;
    }

    Transfer ports() {
      return ports;
    }

    @Override
    public void run() {
      RemoteRenderer.this.run(channel, args, ports);
    }
  }
}
