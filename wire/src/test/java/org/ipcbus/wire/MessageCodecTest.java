package org.ipcbus.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ipcbus.wire.WireMessage.Close;
import org.ipcbus.wire.WireMessage.Deliver;
import org.ipcbus.wire.WireMessage.Destroyed;
import org.ipcbus.wire.WireMessage.Failure;
import org.ipcbus.wire.WireMessage.Goodbye;
import org.ipcbus.wire.WireMessage.Hello;
import org.ipcbus.wire.WireMessage.Invoke;
import org.ipcbus.wire.WireMessage.Listen;
import org.ipcbus.wire.WireMessage.Open;
import org.ipcbus.wire.WireMessage.Opened;
import org.ipcbus.wire.WireMessage.Ping;
import org.ipcbus.wire.WireMessage.Pong;
import org.ipcbus.wire.WireMessage.ProtocolError;
import org.ipcbus.wire.WireMessage.Result;
import org.ipcbus.wire.WireMessage.Send;
import org.ipcbus.wire.WireMessage.SendSync;
import org.ipcbus.wire.WireMessage.Unlisten;
import org.ipcbus.wire.WireMessage.Welcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of message round-trips; malformed messages are refused naming kind and field. */
class MessageCodecTest {

  static final Map<String, Long> SETTINGS = settings();

  static Stream<WireMessage> oneOfEachKind() {
    return Stream.of(
        new Hello(1, "renderer-1", new byte[] {1, 2, 3, (byte) 0xFF}, 4242),
        new Welcome(1, SETTINGS),
        new Open(7, new BundleInfo("org.example.renderer", "1.2.3.qualifier", 12,
            Map.of("Bundle-Name", "Example", "Bundle-Version", "1.2.3.qualifier"))),
        new Opened(7, 3),
        new Close(3),
        new Send(3, "ping", List.of("ping")),
        new SendSync(3, 8, "synchronous-message", Arrays.asList("ping", null, 5L)),
        new Invoke(3, Long.MAX_VALUE, "work", List.of(Map.of("n", 1), List.of(1.5))),
        new Result(8, "pong"),
        new Result(9, null),
        new Failure(10, FailureType.REMOTE, "java.lang.IllegalStateException", "boom"),
        new Failure(11, FailureType.NO_HANDLER, null, "No handler registered for 'work'"),
        new Listen(3, "asynchronous-reply"),
        new Unlisten(3, "asynchronous-reply"),
        new Deliver(3, "asynchronous-reply", List.of("pong")),
        new Ping(0),
        new Pong(0),
        new Destroyed(3, "bundle stopped"),
        new Goodbye("shutting down"),
        new ProtocolError("first frame must be HELLO"),
        new WireMessage.Post(3, "port", Map.of("hello", 1L), List.of(2L, 4L)),
        new WireMessage.PortMessage(2, List.of("x", 1.5), List.of()),
        new WireMessage.PortMessage(3, null, List.of(5L)),
        new WireMessage.PortClose(2));
  }

  /** The version 2 kinds on the wire, byte for byte, as docs/PROTOCOL.md shows them. */
  @Test
  void portKindsHaveTheDocumentedBytes() {
    assertEquals("84 14 02 61 78 81 05",
        Hex.of(MessageCodec.encode(new WireMessage.PortMessage(2, "x", List.of(5L)))));
    assertEquals("82 15 02", Hex.of(MessageCodec.encode(new WireMessage.PortClose(2))));
  }

  @Test
  void aPostWithoutPortsOrWithABadPortIdIsRefusedNamingTheField() {
    // [19, 3, "c", null, []]
    WireFormatException none = assertThrows(WireFormatException.class,
        () -> MessageCodec.decode(Hex.bytes("85 13 03 61 63 f6 80"), WireLimits.DEFAULTS));
    assertTrue(none.getMessage().contains("POST field ports"), none.getMessage());
    // [20, 2, null, ["a"]]
    WireFormatException text = assertThrows(WireFormatException.class,
        () -> MessageCodec.decode(Hex.bytes("84 14 02 f6 81 61 61"), WireLimits.DEFAULTS));
    assertTrue(text.getMessage().contains("PORT_MESSAGE field ports"), text.getMessage());
  }

  /**
   * Jackson writes text of about 4,000 characters and more as an indefinite-length string, which the
   * decoder refuses: every text the codec writes, long or not, has a definite length.
   */
  @Test
  void longTextAnywhereInAMessageHasADefiniteLengthAndRoundTrips() {
    String longText = "x".repeat(5_000) + "\u00e9\u4e2d";
    Map<String, Object> value = new java.util.LinkedHashMap<>();
    value.put(longText, longText);
    List<WireMessage> messages = List.of(
        new Send(1, longText, java.util.Arrays.asList(longText, value)),
        new Failure(2, FailureType.REMOTE, longText, longText),
        new Open(3, new BundleInfo("b", "1.0.0", 4, Map.of("Export-Package", longText, longText, "v"))),
        new Goodbye(longText));
    for (WireMessage message : messages) {
      assertEquals(message, MessageCodec.decode(MessageCodec.encode(message), WireLimits.DEFAULTS));
    }
  }

  @Test
  void longTextWithAnUnpairedSurrogateIsRefusedAtTheSender() {
    String broken = "y".repeat(5_000) + "\ud800";
    IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> ValueCodec.encode(broken));
    org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains("unpaired UTF-16 surrogate"),
        refused.getMessage());
  }

  @Test
  void theExamplesCoverEveryKind() {
    Set<MessageKind> kinds = oneOfEachKind().map(WireMessage::kind)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(MessageKind.class)));
    assertEquals(EnumSet.allOf(MessageKind.class), kinds);
  }

  @ParameterizedTest
  @MethodSource("oneOfEachKind")
  void everyKindRoundTrips(WireMessage message) {
    byte[] body = MessageCodec.encode(message);
    WireMessage back = MessageCodec.decode(body, WireLimits.DEFAULTS);
    assertEquals(message, back);
    assertSame(message.getClass(), back.getClass());
    assertEquals(message.kind().code(), body[1]); // [kind, ...]: array head then the code
  }

  @Test
  void decodesFromABufferSliceAsTheFrameReaderReturnsIt() {
    byte[] body = MessageCodec.encode(new Ping(99));
    byte[] padded = new byte[body.length + 10];
    System.arraycopy(body, 0, padded, 3, body.length);
    ByteBuffer slice = ByteBuffer.wrap(padded, 3, body.length).slice();
    assertEquals(new Ping(99), MessageCodec.decode(slice, WireLimits.DEFAULTS));
    assertEquals(0, slice.position());
  }

  @Test
  void argumentsShareOneTable() {
    List<Object> shared = new ArrayList<>(List.of("x"));
    Send send = (Send) MessageCodec.decode(MessageCodec.encode(new Send(1, "c", List.of(shared,
        Map.of("again", shared)))), WireLimits.DEFAULTS);
    assertSame(send.args().get(0), ((Map<?, ?>) send.args().get(1)).get("again"));
  }

  @Test
  void theSecretIsNeverPrinted() {
    Hello hello = new Hello(1, "p", "s3cr3t".getBytes(), 1);
    assertFalse(hello.toString().contains("s3cr3t"));
    assertFalse(hello.toString().contains(Arrays.toString("s3cr3t".getBytes())));
  }

  /** docs/PROTOCOL.md, worked example 1: exactly these bytes, as FrameWriter sends them. */
  @Test
  void sendOfPingMatchesTheWorkedExample() throws Exception {
    byte[] expected = Hex.bytes("""
        00 00 00 0e        # frame length: 14 bytes follow
        84                 # array of 4: kind and 3 fields
           06              # kind 6, SEND
           01              # wc 1
           64 70 69 6e 67  # channel: text of 4 bytes, "ping"
           81              # args: array of 1
              64 70 69 6e 67  # "ping"
        """);
    assertEquals(Hex.of(expected), Hex.of(frame(new Send(1, "ping", List.of("ping")))));
  }

  /** docs/PROTOCOL.md, worked example 2: a RESULT holding a map with a shared list. */
  @Test
  void resultWithASharedListMatchesTheWorkedExample() throws Exception {
    List<Object> list = new ArrayList<>(List.of("x"));
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("a", list);
    map.put("b", list);
    byte[] expected = Hex.bytes("""
        00 00 00 10        # frame length: 16 bytes follow
        83                 # array of 3: kind and 2 fields
           09              # kind 9, RESULT
           07              # call 7
           a2              # value: map of 2 entries
              61 61        # key "a"
              d8 1c        # tag 28: shareable, gets index 0
                 81        # array of 1
                    61 78  # "x"
              61 62        # key "b"
              d8 1d        # tag 29: shared reference
                 00        # index 0
        """);
    assertEquals(Hex.of(expected), Hex.of(frame(new Result(7, map))));
    Map<?, ?> back = (Map<?, ?>) ((Result) MessageCodec.decode(
        Arrays.copyOfRange(expected, 4, expected.length), WireLimits.DEFAULTS)).value();
    assertSame(back.get("a"), back.get("b"));
  }

  /** docs/PROTOCOL.md, the handshake: the HELLO shown there. */
  @Test
  void helloMatchesTheProtocolDocument() throws Exception {
    byte[] expected = Hex.bytes("""
        00 00 00 16
        85 01 01 6a 72 65 6e 64 65 72 65 72 2d 31 44 01 02 03 04 19 10 92
        """);
    assertEquals(Hex.of(expected),
        Hex.of(frame(new Hello(1, "renderer-1", new byte[] {1, 2, 3, 4}, 4242))));
  }

  private static byte[] frame(WireMessage message) throws java.io.IOException {
    FrameTransportTest.RecordingChannel channel = new FrameTransportTest.RecordingChannel(
        Integer.MAX_VALUE);
    new FrameWriter(channel, WireLimits.DEFAULT_MAX_FRAME_BYTES).write(MessageCodec.encode(message));
    return channel.written();
  }

  @Test
  void aHelloWithAMissingFieldIsRefusedNamingIt() {
    byte[] noPid = Hex.bytes("84 01 01 61 70 41 00"); // [1, 1, "p", h'00']
    assertEquals("HELLO: field pid is missing (got 3 of 4 fields)", refusal(noPid));
  }

  @Test
  void aHelloWithAFieldOfTheWrongTypeIsRefusedNamingIt() {
    byte[] textSecret = Hex.bytes("85 01 01 61 70 61 73 19 04 d2"); // secret "s" instead of bytes
    assertEquals("HELLO field secret: expected a byte string, got a text string", refusal(textSecret));
    byte[] negativePid = Hex.bytes("85 01 01 61 70 41 00 20"); // pid -1
    assertEquals("HELLO field pid: expected an unsigned integer, got a negative integer",
        refusal(negativePid));
    byte[] taggedName = Hex.bytes("85 01 01 d8 1c 61 70 41 00 01");
    assertEquals("HELLO field processName: expected a text string, got tag 28 on a text string",
        refusal(taggedName));
  }

  @Test
  void otherMalformedMessagesAreRefusedNamingKindAndField() {
    assertEquals("unknown message kind 99", refusal(Hex.bytes("81 18 63")));
    assertEquals("unknown message kind 0", refusal(Hex.bytes("81 00")));
    assertEquals("a message is a non-empty array, got a map", refusal(Hex.bytes("a0")));
    assertEquals("a message is a non-empty array, got an array", refusal(Hex.bytes("80")));
    assertEquals("a message starts with its kind, an unsigned integer, got a text string",
        refusal(Hex.bytes("81 61 31")));
    assertEquals("PING: has 2 fields, expected 1", refusal(Hex.bytes("83 0e 01 02")));
    assertEquals("FAILURE field errorType: unknown errorType \"oops\"",
        refusal(Hex.bytes("85 0a 01 64 6f 6f 70 73 f6 61 6d")));
    assertEquals("FAILURE field remoteType: expected a text string or null, got an unsigned integer",
        refusal(Hex.bytes("85 0a 01 66 72 65 6d 6f 74 65 01 61 6d")));
    assertEquals("SEND field args: expected an array of values, got a map at args",
        refusal(Hex.bytes("84 06 01 61 63 a0")));
    assertEquals("WELCOME field settings: missing setting max.depth",
        refusal(MessageCodec.encode(new Welcome(1, Map.of("heartbeat.ms", 1L, "max.frame.bytes",
            2L, "sync.timeout.ms", 3L, "invoke.timeout.ms", 4L)))));
    assertEquals("OPEN field bundle: bundleId must be an unsigned integer, got a text string",
        refusal(Hex.bytes("83 03 01 a4 6c 73 79 6d 62 6f 6c 69 63 4e 61 6d 65 61 73"
            + " 67 76 65 72 73 69 6f 6e 61 31 68 62 75 6e 64 6c 65 49 64 61 31"
            + " 67 68 65 61 64 65 72 73 a0")));
    assertEquals("SEND field args: nested deeper than 2 levels at args[0][0][0]",
        assertThrows(WireFormatException.class, () -> MessageCodec.decode(
            MessageCodec.encode(new Send(1, "c", List.of(List.of(List.of(List.of()))))),
            new WireLimits(1024, 2))).getMessage());
    assertEquals("1 trailing byte after the data item", refusal(Hex.bytes("82 0e 00 00")));
  }

  @Test
  void aFrameOverTheLimitIsRefusedBeforeDecoding() {
    byte[] body = MessageCodec.encode(new Goodbye("x".repeat(100)));
    assertEquals("frame of " + body.length + " bytes exceeds the limit of 50 bytes",
        assertThrows(WireFormatException.class,
            () -> MessageCodec.decode(body, new WireLimits(50, 8))).getMessage());
  }

  @Test
  void encodingAnUnsupportedArgumentNamesItsClassAndPath() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MessageCodec.encode(new Send(1, "c", List.of("ok", List.of(1, new Object())))));
    assertEquals("java.lang.Object is not a value ipcbus can send (not one of the types its clone "
        + "produces) at args[1][1]", e.getMessage());
  }

  static String refusal(byte[] body) {
    return assertThrows(WireFormatException.class,
        () -> MessageCodec.decode(body, WireLimits.DEFAULTS)).getMessage();
  }

  private static Map<String, Long> settings() {
    Map<String, Long> settings = new LinkedHashMap<>();
    settings.put(WireProtocol.HEARTBEAT_MS, 1_000L);
    settings.put(WireProtocol.MAX_FRAME_BYTES, (long) WireLimits.DEFAULT_MAX_FRAME_BYTES);
    settings.put(WireProtocol.SYNC_TIMEOUT_MS, 30_000L);
    settings.put(WireProtocol.INVOKE_TIMEOUT_MS, 30_000L);
    settings.put(WireProtocol.MAX_DEPTH, 256L);
    return settings;
  }
}
