package org.ipcbus.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FrameOutbox#postNow} over a real Unix domain socket in non-blocking mode: the calling
 * thread writes when the outbox is idle, never waits for a peer that does not read, and every
 * frame, however it was posted, arrives in posting order.
 */
class PostNowTest {

  private final Path directory;
  private final SocketChannel peer;
  private final NonBlockingSocket socket;
  private final AtomicReference<IOException> failure = new AtomicReference<>();

  PostNowTest() throws IOException {
    directory = Files.createTempDirectory("ipcbus-postnow");
    Path path = directory.resolve("s");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(path));
      SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path));
      peer = server.accept();
      socket = new NonBlockingSocket(client);
    }
  }

  @AfterEach
  void close() throws IOException {
    socket.close();
    peer.close();
    Files.deleteIfExists(directory.resolve("s"));
    Files.deleteIfExists(directory);
  }

  private FrameOutbox outbox() throws IOException {
    socket.stopBlocking(0);
    return new FrameOutbox(socket, 1 << 20, 1 << 20, "test-writer", failure::set);
  }

  /** Written by the calling thread: the frame is in the socket when postNow returns. */
  @Test
  void anIdleOutboxWritesOnTheCallingThread() throws Exception {
    FrameOutbox outbox = outbox();
    peer.configureBlocking(false);
    ByteBuffer lengthAndBody = ByteBuffer.allocate(8);
    for (int i = 0; i < 1_000; i++) {
      assertTrue(outbox.postNow(ByteBuffer.allocate(4).putInt(0, i).array()));
      lengthAndBody.clear();
      assertEquals(8, peer.read(lengthAndBody), "frame " + i + " was not written by the caller");
      assertEquals(i, lengthAndBody.getInt(4));
    }
    assertNull(failure.get());
    outbox.close();
  }

  /**
   * A peer that reads nothing: postNow still returns at once (what does not fit waits for the
   * writer thread), and when the peer reads, every frame comes in the order posted, whichever way.
   */
  @Test
  void aPeerThatDoesNotReadHoldsNoCallerAndOrderHolds() throws Exception {
    FrameOutbox outbox = outbox();
    byte[] body = new byte[4_096];
    int frames = 4_000; // 16 MB: far more than the socket holds
    long start = System.nanoTime();
    for (int i = 0; i < frames; i++) {
      byte[] frame = body.clone();
      ByteBuffer.wrap(frame).putInt(i);
      boolean posted = switch (i % 3) {
        case 0 -> outbox.postNow(frame);
        case 1 -> outbox.post(frame);
        default -> outbox.postNow(frame);
      };
      assertTrue(posted);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 5_000, "posting to a peer that does not read took " + millis + " ms");
    FrameReader reader = new FrameReader(peer, 1 << 20);
    for (int i = 0; i < frames; i++) {
      ByteBuffer frame = reader.read();
      assertNotNull(frame, "the stream ended at frame " + i);
      assertEquals(body.length, frame.remaining());
      assertEquals(i, frame.getInt(), "frames out of order");
    }
    assertNull(failure.get());
    outbox.close();
  }

  /**
   * A reader that spins before it waits reads every frame, whether it comes during the spin (the
   * peer answers at once) or after it (the peer pauses longer than the spin).
   */
  @Test
  void aSpinningReaderReadsFramesThatComeDuringAndAfterItsSpin() throws Exception {
    socket.stopBlocking(50);
    FrameReader spinningReader = new FrameReader(socket, 1 << 20);
    FrameWriter spinningWriter = new FrameWriter(socket, 1 << 20);
    Thread echo = new Thread(() -> {
      try {
        FrameReader reader = new FrameReader(peer, 1 << 20);
        FrameWriter writer = new FrameWriter(peer, 1 << 20);
        for (int i = 0; i < 2_000; i++) {
          ByteBuffer frame = reader.read();
          byte[] body = new byte[frame.remaining()];
          frame.get(body);
          if (i % 500 == 0) {
            Thread.sleep(5); // longer than the spin: the reader waits in its selector
          }
          writer.write(body);
        }
      } catch (IOException | InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    echo.start();
    for (int i = 0; i < 2_000; i++) {
      spinningWriter.write(ByteBuffer.allocate(4).putInt(0, i).array());
      ByteBuffer answer = spinningReader.read();
      assertEquals(i, answer.getInt(), "echo " + i);
    }
    echo.join(5_000);
  }

  @Test
  void aNegativeSpinIsRefused() {
    IllegalArgumentException refused = assertThrows(
        IllegalArgumentException.class, () -> socket.stopBlocking(-1));
    assertTrue(refused.getMessage().contains("readSpinMicros"), refused.getMessage());
  }

  /** A writer thread waiting for the peer to read ends when the socket closes. */
  @Test
  void closingTheSocketEndsAWriterWaitingForThePeer() throws Exception {
    FrameOutbox outbox = outbox();
    for (int i = 0; i < 1_000; i++) {
      outbox.postNow(new byte[16_384]);
    }
    socket.close();
    long start = System.nanoTime();
    outbox.flushAndClose(5_000);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 2_000, "the writer thread went on waiting " + millis + " ms");
    assertTrue(!outbox.postNow(new byte[] {1}), "a closed outbox takes nothing");
  }
}
