package org.ipcbus.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.Channels;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.ipcbus.wire.WireMessage.Ping;
import org.ipcbus.wire.WireMessage.Send;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Frames over a real Pipe and a real Unix domain socket pair, and the edge cases of framing. */
@Timeout(30)
class FrameTransportTest {

  private static final int MAX = 64 * 1024;

  @TempDir
  Path tempDir;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  /** A connected pair: what one side writes, the other reads. */
  private record Link(java.nio.channels.WritableByteChannel out, ReadableByteChannel in) {
  }

  @BeforeEach
  void noCloseables() {
    closeables.clear();
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : closeables) {
      closeable.close();
    }
  }

  private Link pipe() throws IOException {
    Pipe pipe = Pipe.open();
    closeables.add(pipe.sink());
    closeables.add(pipe.source());
    return new Link(pipe.sink(), pipe.source());
  }

  private Link unixSocket() throws IOException {
    Path socket = tempDir.resolve("ipcbus.sock");
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    closeables.add(server);
    server.bind(UnixDomainSocketAddress.of(socket));
    SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
    closeables.add(client);
    client.connect(UnixDomainSocketAddress.of(socket));
    SocketChannel accepted = server.accept();
    closeables.add(accepted);
    return new Link(client, accepted);
  }

  @Test
  void tenThousandFramesOverAPipe() throws Exception {
    tenThousandFrames(pipe());
  }

  @Test
  void tenThousandFramesOverAUnixDomainSocket() throws Exception {
    tenThousandFrames(unixSocket());
  }

  /** Written in batches of up to 700 frames per gathering write, read and decoded in order. */
  private void tenThousandFrames(Link link) throws Exception {
    int count = 10_000;
    CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
      FrameWriter writer = new FrameWriter(link.out(), MAX);
      try {
        for (int i = 0; i < count; i++) {
          writer.enqueue(MessageCodec.encode(new Send(i, "channel", List.of("payload " + i, i))));
          if (i % 700 == 699) {
            writer.flush(); // 1400 buffers: more than the IOV_MAX of one writev
          }
        }
        writer.flush();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    FrameReader reader = new FrameReader(link.in(), MAX);
    for (int i = 0; i < count; i++) {
      Send send = (Send) MessageCodec.decode(reader.read(), WireLimits.DEFAULTS);
      assertEquals(i, send.wc());
      assertEquals(List.of("payload " + i, i), send.args());
    }
    writing.get(20, TimeUnit.SECONDS);
    link.out().close();
    assertNull(reader.read(), "end of stream between frames");
  }

  @Test
  void aFrameSplitAcrossReadsOverAPipe() throws Exception {
    splitFrame(pipe());
  }

  @Test
  void aFrameSplitAcrossReadsOverAUnixDomainSocket() throws Exception {
    splitFrame(unixSocket());
  }

  /** The writer sends a frame in three pieces with pauses; the reader waits for all of it. */
  private void splitFrame(Link link) throws Exception {
    byte[] body = MessageCodec.encode(new Send(1, "split", List.of("x".repeat(5000))));
    ByteBuffer frame = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
    CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
      try {
        for (int end : new int[] {2, 2500, frame.capacity()}) { // inside the prefix, the body
          ByteBuffer piece = frame.duplicate().limit(end);
          while (piece.hasRemaining()) {
            link.out().write(piece);
          }
          frame.position(end);
          Thread.sleep(50);
        }
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    FrameReader reader = new FrameReader(link.in(), MAX);
    ByteBuffer read = reader.read();
    byte[] bytes = new byte[read.remaining()];
    read.get(bytes);
    assertArrayEquals(body, bytes);
    writing.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aFrameTrickledOneByteAtATimeIsReadWhole() throws IOException {
    byte[] first = MessageCodec.encode(new Ping(1));
    byte[] second = MessageCodec.encode(new Ping(2));
    FrameReader reader = new FrameReader(trickle(frames(first, second)), MAX);
    assertEquals(new Ping(1), MessageCodec.decode(reader.read(), WireLimits.DEFAULTS));
    assertEquals(new Ping(2), MessageCodec.decode(reader.read(), WireLimits.DEFAULTS));
    assertNull(reader.read());
  }

  @Test
  void framesLargerThanTheFirstBufferGrowIt() throws IOException {
    byte[] big = MessageCodec.encode(new Send(1, "big", List.of(new byte[200_000])));
    byte[] small = MessageCodec.encode(new Ping(3));
    FrameReader reader = new FrameReader(Channels.newChannel(new java.io.ByteArrayInputStream(
        frames(small, big, small, big))), 1 << 20);
    for (byte[] expected : new byte[][] {small, big, small, big}) {
      ByteBuffer body = reader.read();
      byte[] bytes = new byte[body.remaining()];
      body.get(bytes);
      assertArrayEquals(expected, bytes);
    }
    assertNull(reader.read());
  }

  @Test
  void endOfStreamInsideAFrameIsAnEofException() {
    byte[] body = MessageCodec.encode(new Ping(1));
    byte[] frame = frames(body);
    EOFException inBody = assertThrows(EOFException.class, () -> new FrameReader(
        trickle(java.util.Arrays.copyOf(frame, frame.length - 1)), MAX).read());
    assertEquals("the connection ended in the middle of a frame (" + (body.length - 1) + " of "
        + body.length + " bytes)", inBody.getMessage());
    EOFException inPrefix = assertThrows(EOFException.class,
        () -> new FrameReader(trickle(new byte[] {0, 0}), MAX).read());
    assertEquals("the connection ended in the middle of a frame's length prefix (2 of 4 bytes)",
        inPrefix.getMessage());
  }

  @Test
  void zeroAndOversizedLengthsAreRefusedBeforeAllocating() {
    assertEquals("frame of length 0: a frame holds one data item",
        assertThrows(WireFormatException.class,
            () -> new FrameReader(trickle(new byte[] {0, 0, 0, 0, 1}), MAX).read()).getMessage());
    // 4 GiB - 1 declared, with nothing behind it: refused from the prefix alone.
    assertEquals("frame of 4294967295 bytes exceeds the limit of 65536 bytes",
        assertThrows(WireFormatException.class, () -> new FrameReader(
            trickle(new byte[] {-1, -1, -1, -1}), MAX).read()).getMessage());
    assertEquals("frame of 65537 bytes exceeds the limit of 65536 bytes",
        assertThrows(WireFormatException.class, () -> new FrameReader(
            trickle(new byte[] {0, 1, 0, 1}), MAX).read()).getMessage());
  }

  @Test
  void theWriterRefusesEmptyAndOversizedFramesAndStaysUsable() throws IOException {
    RecordingChannel channel = new RecordingChannel(Integer.MAX_VALUE);
    FrameWriter writer = new FrameWriter(channel, 10);
    assertEquals("a frame cannot be empty",
        assertThrows(WireFormatException.class, () -> writer.enqueue(new byte[0])).getMessage());
    assertEquals("frame of 11 bytes exceeds the limit of 10 bytes",
        assertThrows(WireFormatException.class, () -> writer.enqueue(new byte[11])).getMessage());
    writer.write(new byte[] {(byte) 0x81, 0x0e}); // not a full message; the writer does not care
    assertArrayEquals(new byte[] {0, 0, 0, 2, (byte) 0x81, 0x0e}, channel.written());
  }

  @Test
  void queuedFramesGoOutInOneGatheringWrite() throws IOException {
    RecordingChannel channel = new RecordingChannel(Integer.MAX_VALUE);
    FrameWriter writer = new FrameWriter(channel, MAX);
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      bodies.add(MessageCodec.encode(new Ping(i)));
      writer.enqueue(bodies.get(i));
    }
    assertEquals(100, writer.queuedFrames());
    writer.flush();
    assertEquals(0, writer.queuedFrames());
    assertEquals(1, channel.gatheringWrites);
    assertArrayEquals(frames(bodies.toArray(new byte[0][])), channel.written());
  }

  @Test
  void partialGatheringWritesAreContinued() throws IOException {
    RecordingChannel channel = new RecordingChannel(7); // at most 7 bytes per call
    FrameWriter writer = new FrameWriter(channel, MAX);
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      bodies.add(MessageCodec.encode(new Send(i, "c", List.of("v" + i))));
      writer.enqueue(bodies.get(i));
    }
    writer.flush();
    assertTrue(channel.gatheringWrites > 50);
    assertArrayEquals(frames(bodies.toArray(new byte[0][])), channel.written());
    FrameReader reader = new FrameReader(trickle(channel.written()), MAX);
    for (int i = 0; i < 50; i++) {
      assertEquals(i, ((Send) MessageCodec.decode(reader.read(), WireLimits.DEFAULTS)).wc());
    }
    assertNull(reader.read());
  }

  static byte[] frames(byte[]... bodies) {
    int size = 0;
    for (byte[] body : bodies) {
      size += 4 + body.length;
    }
    ByteBuffer all = ByteBuffer.allocate(size);
    for (byte[] body : bodies) {
      all.putInt(body.length).put(body);
    }
    return all.array();
  }

  /** A channel that returns the bytes one at a time, as a slow peer would. */
  static ReadableByteChannel trickle(byte[] bytes) {
    ByteBuffer source = ByteBuffer.wrap(bytes);
    return new ReadableByteChannel() {
      @Override
      public int read(ByteBuffer target) {
        if (!source.hasRemaining()) {
          return -1;
        }
        target.put(source.get());
        return 1;
      }

      @Override
      public boolean isOpen() {
        return true;
      }

      @Override
      public void close() {
      }
    };
  }

  /** A gathering channel that takes at most some bytes per call and counts its calls. */
  static final class RecordingChannel implements GatheringByteChannel, ByteChannel {
    private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    private final int maxPerCall;
    int gatheringWrites;

    RecordingChannel(int maxPerCall) {
      this.maxPerCall = maxPerCall;
    }

    byte[] written() {
      return bytes.toByteArray();
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) {
      gatheringWrites++;
      long total = 0;
      for (int i = offset; i < offset + length && total < maxPerCall; i++) {
        while (sources[i].hasRemaining() && total < maxPerCall) {
          bytes.write(sources[i].get());
          total++;
        }
      }
      return total;
    }

    @Override
    public long write(ByteBuffer[] sources) {
      return write(sources, 0, sources.length);
    }

    @Override
    public int write(ByteBuffer source) {
      return (int) write(new ByteBuffer[] {source});
    }

    @Override
    public int read(ByteBuffer target) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {
    }
  }
}
