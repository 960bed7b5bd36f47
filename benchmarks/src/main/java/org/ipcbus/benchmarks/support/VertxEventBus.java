package org.ipcbus.benchmarks.support;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.file.FileSystemOptions;

/**
 * A local (non-clustered) Vert.x 5 instance with default options but no file caching, for its event
 * bus. Consumers run on a Vert.x event-loop thread; senders are the benchmark threads.
 */
public final class VertxEventBus implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setFileSystemOptions(
      new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));

  /** @return the event bus */
  public EventBus eventBus() {
    return vertx.eventBus();
  }

  /**
   * Registers a consumer and waits until the registration is complete.
   *
   * @param address the address
   * @param handler the consumer
   * @param <T> the message body type
   */
  public <T> void consumer(String address, Handler<Message<T>> handler) {
    vertx.eventBus().<T>consumer(address, handler).completion().await();
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
