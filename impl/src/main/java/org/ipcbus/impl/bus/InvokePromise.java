package org.ipcbus.impl.bus;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionStage;

import org.osgi.util.function.Consumer;
import org.osgi.util.function.Function;
import org.osgi.util.function.Predicate;
import org.osgi.util.promise.Failure;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.Success;

/**
 * The promise of an {@code invoke}: the renderer's own promise (its callbacks run on the
 * renderer's lane), except that a caller blocking in {@link #getValue} or {@link #getFailure}
 * first looks for the answer for a few microseconds, as a {@code sendSync} caller does
 * ({@link PendingCall#lookFor}): main usually answers sooner than a parked thread wakes up.
 * Everything else is the renderer's promise's; the methods that return "this promise" return this
 * one.
 *
 * @param <T> the value type
 */
final class InvokePromise<T> implements Promise<T> {

  private final Promise<T> promise;

  /** @param promise the renderer's promise of the answer */
  InvokePromise(Promise<T> promise) {
    this.promise = promise;
  }

  @Override
  public boolean isDone() {
    return promise.isDone();
  }

  @Override
  public T getValue() throws InvocationTargetException, InterruptedException {
    PendingCall.lookFor(promise::isDone);
    return promise.getValue();
  }

  @Override
  public Throwable getFailure() throws InterruptedException {
    PendingCall.lookFor(promise::isDone);
    return promise.getFailure();
  }

  @Override
  public Promise<T> onResolve(Runnable callback) {
    promise.onResolve(callback);
    return this;
  }

  @Override
  public Promise<T> onSuccess(Consumer<? super T> success) {
    promise.onSuccess(success);
    return this;
  }

  @Override
  public Promise<T> onFailure(Consumer<? super Throwable> failure) {
    promise.onFailure(failure);
    return this;
  }

  @Override
  public <F> Promise<T> onFailure(Consumer<? super F> failure, Class<? extends F> type) {
    promise.onFailure(failure, type);
    return this;
  }

  @Override
  public <R> Promise<R> then(Success<? super T, ? extends R> success, Failure failure) {
    return promise.then(success, failure);
  }

  @Override
  public <R> Promise<R> then(Success<? super T, ? extends R> success) {
    return promise.then(success);
  }

  @Override
  public Promise<T> thenAccept(Consumer<? super T> consumer) {
    return promise.thenAccept(consumer);
  }

  @Override
  public Promise<T> filter(Predicate<? super T> predicate) {
    return promise.filter(predicate);
  }

  @Override
  public <R> Promise<R> map(Function<? super T, ? extends R> mapper) {
    return promise.map(mapper);
  }

  @Override
  public <R> Promise<R> flatMap(Function<? super T, Promise<? extends R>> mapper) {
    return promise.flatMap(mapper);
  }

  @Override
  public Promise<T> recover(Function<Promise<?>, ? extends T> recovery) {
    return promise.recover(recovery);
  }

  @Override
  public Promise<T> recover(Function<Promise<?>, ? extends T> recovery, Class<?> type) {
    return promise.recover(recovery, type);
  }

  @Override
  public Promise<T> recoverWith(Function<Promise<?>, Promise<? extends T>> recovery) {
    return promise.recoverWith(recovery);
  }

  @Override
  public Promise<T> recoverWith(Function<Promise<?>, Promise<? extends T>> recovery, Class<?> type) {
    return promise.recoverWith(recovery, type);
  }

  @Override
  public Promise<T> fallbackTo(Promise<? extends T> fallback) {
    return promise.fallbackTo(fallback);
  }

  @Override
  public Promise<T> fallbackTo(Promise<? extends T> fallback, Class<?> type) {
    return promise.fallbackTo(fallback, type);
  }

  @Override
  public Promise<T> timeout(long milliseconds) {
    return promise.timeout(milliseconds);
  }

  @Override
  public Promise<T> delay(long milliseconds) {
    return promise.delay(milliseconds);
  }

  @Override
  public CompletionStage<T> toCompletionStage() {
    return promise.toCompletionStage();
  }

  @Override
  public String toString() {
    return promise.toString();
  }
}
