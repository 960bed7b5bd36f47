package org.ipcbus.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Random bytes, and valid frames with random damage, fed to the frame reader and the decoders:
 * they either succeed or throw WireFormatException (the frame reader also EOFException, when the
 * input ends inside a frame), quickly, and without allocating much more than the input.
 */
class FuzzPropertiesTest {

  private static final int MAX_FRAME = 4096;
  private static final WireLimits LIMITS = new WireLimits(MAX_FRAME, 32);
  /**
   * Allowed allocation per check: the parser's and reader's buffers, plus a multiple of the input
   * (decoded objects are larger than their bytes). Seen here: at most about 35 KB for 470 bytes.
   */
  private static final long FIXED_ALLOCATION = 64 * 1024;
  private static final long ALLOCATION_PER_BYTE = 64;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  @Property(tries = 1000)
  void randomBytesAreDecodedOrRefused(@ForAll @Size(max = 300) byte[] bytes) {
    decodeOrRefuse(bytes);
    Statistics.label("outcome").collect(readFramesOrRefuse(bytes));
  }

  /** Random bytes behind a valid length prefix, so that they reach the decoder. */
  @Property(tries = 1000)
  void randomFrameBodiesAreDecodedOrRefused(@ForAll @Size(min = 1, max = 300) byte[] body) {
    Statistics.label("outcome").collect(readFramesOrRefuse(
        ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array()));
  }

  @Property(tries = 2000)
  void damagedFramesAreDecodedOrRefused(@ForAll("frames") byte[] frames,
      @ForAll("damage") List<int[]> damage) {
    byte[] damaged = frames;
    for (int[] change : damage) {
      damaged = damage(damaged, change);
    }
    Statistics.label("outcome").collect(readFramesOrRefuse(damaged));
  }

  /** Decodes as a message and as a value: each returns or throws WireFormatException only. */
  private static void decodeOrRefuse(byte[] body) {
    bounded(body.length, () -> {
      try {
        MessageCodec.decode(body, LIMITS);
      } catch (WireFormatException expected) {
        // refused: fine
      }
      try {
        ValueCodec.decode(body, LIMITS);
      } catch (WireFormatException expected) {
        // refused: fine
      }
    });
  }

  /**
   * Reads every frame of the stream and decodes it, until the end or a bad frame.
   *
   * @return what happened, for the statistics: "decoded", "refused message", "refused frame"
   *     or "ended inside a frame"
   */
  private static String readFramesOrRefuse(byte[] stream) {
    String[] outcome = {"decoded"};
    bounded(stream.length, () -> {
      FrameReader reader = new FrameReader(Channels.newChannel(new ByteArrayInputStream(stream)),
          MAX_FRAME);
      try {
        for (ByteBuffer body = reader.read(); body != null; body = reader.read()) {
          try {
            MessageCodec.decode(body, LIMITS);
          } catch (WireFormatException expected) {
            outcome[0] = "refused message"; // a bad message in a good frame: read on
          }
        }
      } catch (WireFormatException expected) {
        outcome[0] = "refused frame";
      } catch (EOFException expected) {
        outcome[0] = "ended inside a frame";
      } catch (java.io.IOException e) {
        throw new AssertionError("unexpected " + e, e);
      }
    });
    return outcome[0];
  }

  /**
   * Runs the check, asserting it ends quickly and allocates a bounded amount. The check runs
   * twice and the smaller allocation counts: the first run of a code path may load classes and
   * fill caches (hundreds of KB, however small the input), which is not the decoder's doing,
   * while allocation the input causes shows in both runs.
   */
  private static void bounded(int inputBytes, Runnable check) {
    long allocated = Math.min(timedAllocation(check), timedAllocation(check));
    // The frame reader may allocate up to the declared frame size (at most MAX_FRAME) first.
    long bound = FIXED_ALLOCATION + MAX_FRAME + ALLOCATION_PER_BYTE * inputBytes;
    assertTrue(allocated < bound, () -> "allocated " + allocated + " bytes for " + inputBytes
        + " bytes of input (bound " + bound + ")");
  }

  /** Runs the check once, asserting it ends quickly; returns the bytes this thread allocated. */
  private static long timedAllocation(Runnable check) {
    long threadId = Thread.currentThread().getId();
    long allocatedBefore = THREADS.getThreadAllocatedBytes(threadId);
    long start = System.nanoTime();
    check.run();
    long millis = (System.nanoTime() - start) / 1_000_000;
    long allocated = THREADS.getThreadAllocatedBytes(threadId) - allocatedBefore;
    assertTrue(millis < 2_000, () -> "took " + millis + " ms");
    return allocated;
  }

  /** A change: {kind, position, value}, applied where position falls in the bytes. */
  private static byte[] damage(byte[] bytes, int[] change) {
    if (bytes.length == 0) {
      return bytes;
    }
    int at = Math.floorMod(change[1], bytes.length);
    byte[] result;
    switch (change[0]) {
      case 0 -> { // flip one bit
        result = bytes.clone();
        result[at] ^= (byte) (1 << (change[2] & 7));
      }
      case 1 -> result = Arrays.copyOf(bytes, at); // truncate
      case 2 -> { // insert a byte
        result = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, result, 0, at);
        result[at] = (byte) change[2];
        System.arraycopy(bytes, at, result, at + 1, bytes.length - at);
      }
      case 3 -> { // replace a byte
        result = bytes.clone();
        result[at] = (byte) change[2];
      }
      default -> { // change the first frame's length prefix: a little, or to anything
        result = bytes.clone();
        if (bytes.length >= 4) {
          int length = ByteBuffer.wrap(bytes).getInt() + (change[2] % 9) - 4;
          ByteBuffer.wrap(result).putInt(change[2] % 3 == 0 ? change[2] : length);
        }
      }
    }
    return result;
  }

  @Provide
  Arbitrary<List<int[]>> damage() {
    return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers(),
        Arbitraries.integers()).as((kind, at, value) -> new int[] {kind, at, value})
        .list().ofMinSize(1).ofMaxSize(3);
  }

  /** One to three encoded frames of random messages, with values of every kind. */
  @Provide
  Arbitrary<byte[]> frames() {
    return messages().list().ofMinSize(1).ofMaxSize(3).map(messages -> {
      List<byte[]> bodies = new ArrayList<>();
      for (WireMessage message : messages) {
        bodies.add(MessageCodec.encode(message));
      }
      return FrameTransportTest.frames(bodies.toArray(new byte[0][]));
    });
  }

  private static Arbitrary<WireMessage> messages() {
    Arbitrary<Object> values = Arbitraries.recursive(ValuePropertiesTest::scalars,
        element -> Arbitraries.oneOf(
            element.list().ofMaxSize(3).map(list -> (Object) new ArrayList<>(list)),
            ValuePropertiesTest.scalars().set().ofMaxSize(3)
                .map(set -> (Object) new java.util.LinkedHashSet<>(set)),
            Arbitraries.maps(ValuePropertiesTest.scalars(), element).ofMaxSize(3)
                .map(map -> (Object) new java.util.LinkedHashMap<>(map))), 0, 3);
    Arbitrary<Long> ids = Arbitraries.longs().between(0, Long.MAX_VALUE);
    Arbitrary<String> texts = Arbitraries.strings().ofMaxLength(12)
        .filter(ValuePropertiesTest::wellFormed);
    return Arbitraries.oneOf(
        Combinators.combine(ids, texts, values.list().ofMaxSize(3))
            .as((wc, channel, args) -> new WireMessage.Send(wc, channel, args)),
        Combinators.combine(ids, values).as(WireMessage.Result::new),
        Combinators.combine(ids, ids, texts, values.list().ofMaxSize(2))
            .as((wc, call, channel, args) -> new WireMessage.Invoke(wc, call, channel, args)),
        Combinators.combine(texts, Arbitraries.bytes().array(byte[].class).ofMaxSize(32), ids)
            .as((name, secret, pid) -> new WireMessage.Hello(1, name, secret, pid)),
        Combinators.combine(ids, texts, texts)
            .as((call, name, version) -> new WireMessage.Open(call, new BundleInfo(name, version,
                call, Map.of("Bundle-Name", name)))),
        Combinators.combine(ids, Arbitraries.of(FailureType.class), texts, texts)
            .as(WireMessage.Failure::new),
        ids.map(WireMessage.Ping::new),
        Arbitraries.just(new WireMessage.Welcome(1, MessageCodecTest.SETTINGS)));
  }
}
