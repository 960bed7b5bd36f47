package org.ipcbus.impl.bus;

import java.util.concurrent.atomic.LongAdder;

/** What went through one channel of main: messages, failures and slow deliveries. */
public final class ChannelStats {

  private final LongAdder messages = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder slowDeliveries = new LongAdder();
  private final LongAdder denied = new LongAdder();
  private volatile String lastError;

  void message() {
    messages.increment();
  }

  void error(Throwable failure) {
    errors.increment();
    lastError = failure.getClass().getName() + ": " + failure.getMessage();
  }

  void slowDelivery() {
    slowDeliveries.increment();
  }

  void deny() {
    denied.increment();
  }

  /** @return the messages dispatched */
  public long messages() {
    return messages.sum();
  }

  /** @return the failures */
  public long errors() {
    return errors.sum();
  }

  /** @return the newest failure as "type: message", or null */
  public String lastError() {
    return lastError;
  }

  /** @return the messages refused by the access policy or an interceptor */
  public long denied() {
    return denied.sum();
  }

  /** @return the listener or handler runs longer than the slow-listener threshold */
  public long slowDeliveries() {
    return slowDeliveries.sum();
  }
}
