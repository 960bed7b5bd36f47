package org.ipcbus.benchmarks.process;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.ipcbus.wire.FrameOutbox;
import org.ipcbus.wire.FrameReader;
import org.ipcbus.wire.FrameWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 6, the limits of a process boundary: two JVMs and a Unix domain socket, no ipcbus. The
 * model is the JDK's own {@code test/micro/org/openjdk/bench/java/net/UnixSocketChannelReadWrite}
 * (a blocking SocketChannel and one reading thread); here the other end is a forked JVM
 * ({@link SocketPeer}), as a renderer process is.
 *
 * <p>Every frame is a 4-byte big-endian length and a 16-byte body: the bytes of the ipcbus SEND
 * frame {@code [6, 1, "bench/tp", [4242]]}, so the limits move exactly what ipcbus moves per
 * message.
 *
 * <ul>
 *   <li>{@code raw_pingPong}: write one frame, read the echo back (SampleTime: p50, p99). Plain JDK,
 *       direct buffers; {@code spinMicros} is the spin before parking on both sides
 *       ({@link SpinIo}).</li>
 *   <li>{@code raw_stream}: frames written 256 at a time with one gathering write (256 direct
 *       buffers), the reader counting them from 64 KiB reads (Throughput, frames/s; the socket
 *       buffer is the only bound, and the reader's count is checked at the end).
 *       {@code readerSpinMicros} is the reader's spin before parking.</li>
 *   <li>{@code wire_pingPong}, {@code wire_stream}: the same through ipcbus's wire classes as main
 *       and the renderer host use them ({@link FrameOutbox} with its writer thread on both sides,
 *       {@link FrameReader}); not a limit but the first layer of ipcbus, to tell where the time
 *       goes. The stream's outbox holds at most 256 KiB of frames ahead of the socket.</li>
 *   <li>{@code wire_pingPong_noOutbox}: the wire ping-pong with {@link FrameWriter} called on the
 *       reading thread on both sides, no outbox: the difference to {@code wire_pingPong} is the
 *       cost of the two hand-offs to a writer thread.</li>
 * </ul>
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class RawSocketBenchmark {

  /** The body of every frame: CBOR [6, 1, "bench/tp", [4242]], an ipcbus SEND. */
  static final byte[] BODY = {(byte) 0x84, 0x06, 0x01, 0x68, 'b', 'e', 'n', 'c', 'h', '/', 't', 'p',
      (byte) 0x81, 0x19, 0x10, (byte) 0x92};
  /** Frames per gathering write in raw_stream. */
  static final int STREAM_BATCH = 256;
  /** How many bytes of frames the wire stream's outbox holds ahead of the socket. */
  static final long WIRE_STREAM_BUDGET = 256 * 1024;

  /** A connection to a forked peer. */
  abstract static class Connection {
    HelperJvm peer;
    SocketChannel channel;
    private Path directory;

    void connect(String mode, long spinNanos) throws IOException {
      directory = Files.createTempDirectory("ipcbus-bench-");
      Path socket = directory.resolve("peer.sock");
      peer = HelperJvm.start(SocketPeer.class, mode, socket.toString(), Long.toString(spinNanos));
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(socket));
    }

    /** Ends the connection and, for a counting peer, checks that every frame sent arrived. */
    void close(long sent) throws IOException {
      try {
        if (sent >= 0) {
          channel.configureBlocking(true);
          channel.shutdownOutput();
          ByteBuffer count = ByteBuffer.allocate(Long.BYTES);
          while (count.hasRemaining() && channel.read(count) >= 0) {
            // until the 8 bytes are in
          }
          long counted = count.flip().remaining() == Long.BYTES ? count.getLong() : -1;
          if (counted != sent) {
            throw new IllegalStateException("the peer counted " + counted + " frames, " + sent + " were sent");
          }
        }
      } finally {
        channel.close();
        peer.close();
        Files.deleteIfExists(directory);
      }
    }
  }

  /** Plain JDK ping-pong, with a spin before parking on both sides. */
  @State(Scope.Benchmark)
  public static class RawPingPong extends Connection {
    /** The spin before parking, client and echo server alike; 0: park at once. */
    @Param({"0", "10", "50"})
    public int spinMicros;
    long spinNanos;
    final ByteBuffer out = ByteBuffer.allocateDirect(4 + BODY.length).putInt(BODY.length).put(BODY);
    final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);

    @Setup
    public void open() throws IOException {
      spinNanos = TimeUnit.MICROSECONDS.toNanos(spinMicros);
      connect("raw-echo", spinNanos);
      SpinIo.configure(channel, spinNanos);
    }

    @TearDown
    public void close() throws IOException {
      close(-1);
    }
  }

  /** Plain JDK framed stream: 256 frames per gathering write, one counting reader. */
  @State(Scope.Benchmark)
  public static class RawStream extends Connection {
    /** The reader's spin before parking; 0: park at once. */
    @Param({"0", "50"})
    public int readerSpinMicros;
    final ByteBuffer[] frames = new ByteBuffer[STREAM_BATCH];
    long sent;

    @Setup
    public void open() throws IOException {
      connect("raw-count", TimeUnit.MICROSECONDS.toNanos(readerSpinMicros));
      for (int i = 0; i < frames.length; i++) {
        frames[i] = ByteBuffer.allocateDirect(4 + BODY.length).putInt(BODY.length).put(BODY);
      }
    }

    @TearDown
    public void close() throws IOException {
      close(sent);
    }
  }

  /** Ping-pong through FrameOutbox and FrameReader on both sides. */
  @State(Scope.Benchmark)
  public static class WirePingPong extends Connection {
    FrameOutbox outbox;
    FrameReader reader;

    @Setup
    public void open() throws IOException {
      connect("wire-echo", 0);
      outbox = new FrameOutbox(channel, SocketPeer.MAX_FRAME_BYTES, 64L * 1024 * 1024, "bench-wire-writer",
          failure -> failure.printStackTrace());
      reader = new FrameReader(channel, SocketPeer.MAX_FRAME_BYTES);
    }

    @TearDown
    public void close() throws IOException {
      outbox.flushAndClose(1_000);
      close(-1);
    }
  }

  /** Ping-pong through FrameWriter and FrameReader on the calling thread, both sides: no outbox. */
  @State(Scope.Benchmark)
  public static class WireDirectPingPong extends Connection {
    FrameWriter writer;
    FrameReader reader;

    @Setup
    public void open() throws IOException {
      connect("wire-echo-direct", 0);
      writer = new FrameWriter(channel, SocketPeer.MAX_FRAME_BYTES);
      reader = new FrameReader(channel, SocketPeer.MAX_FRAME_BYTES);
    }

    @TearDown
    public void close() throws IOException {
      close(-1);
    }
  }

  /** Stream of frames posted to a FrameOutbox, counted by a FrameReader. */
  @State(Scope.Benchmark)
  public static class WireStream extends Connection {
    FrameOutbox outbox;
    long sent;

    @Setup
    public void open() throws IOException {
      connect("wire-count", 0);
      outbox = new FrameOutbox(channel, SocketPeer.MAX_FRAME_BYTES, WIRE_STREAM_BUDGET, "bench-wire-writer",
          failure -> failure.printStackTrace());
    }

    @TearDown
    public void close() throws IOException {
      outbox.flushAndClose(30_000);
      close(sent);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public byte raw_pingPong(RawPingPong state) throws IOException {
    ByteBuffer out = state.out.clear();
    SpinIo.writeFully(state.channel, out, state.spinNanos);
    ByteBuffer in = state.in.clear();
    if (!SpinIo.readAtLeast(state.channel, in, 4, state.spinNanos)
        || !SpinIo.readAtLeast(state.channel, in, 4 + in.getInt(0), state.spinNanos)) {
      throw new IOException("the echo server closed the connection");
    }
    return in.get(4);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(STREAM_BATCH)
  public void raw_stream(RawStream state) throws IOException {
    ByteBuffer[] frames = state.frames;
    for (ByteBuffer frame : frames) {
      frame.clear();
    }
    ByteBuffer last = frames[frames.length - 1];
    int first = 0;
    while (last.hasRemaining()) {
      state.channel.write(frames, first, frames.length - first);
      while (first < frames.length && !frames[first].hasRemaining()) {
        first++;
      }
    }
    state.sent += STREAM_BATCH;
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public byte wire_pingPong(WirePingPong state) throws IOException {
    state.outbox.post(BODY);
    ByteBuffer answer = state.reader.read();
    if (answer == null) {
      throw new IOException("the echo server closed the connection");
    }
    return answer.get(0);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public byte wire_pingPong_noOutbox(WireDirectPingPong state) throws IOException {
    state.writer.write(BODY);
    ByteBuffer answer = state.reader.read();
    if (answer == null) {
      throw new IOException("the echo server closed the connection");
    }
    return answer.get(0);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public void wire_stream(WireStream state) throws InterruptedException, TimeoutException {
    state.outbox.postBounded(BODY, 30_000);
    state.sent++;
  }
}
