package org.ipcbus.wire;

import static org.ipcbus.wire.CborHead.ARRAY;
import static org.ipcbus.wire.CborHead.BYTES;
import static org.ipcbus.wire.CborHead.MAP;
import static org.ipcbus.wire.CborHead.TEXT;
import static org.ipcbus.wire.CborHead.UNSIGNED;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonToken;

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
import org.ipcbus.wire.WireMessage.PortClose;
import org.ipcbus.wire.WireMessage.PortMessage;
import org.ipcbus.wire.WireMessage.Post;
import org.ipcbus.wire.WireMessage.ProtocolError;
import org.ipcbus.wire.WireMessage.Result;
import org.ipcbus.wire.WireMessage.Send;
import org.ipcbus.wire.WireMessage.SendSync;
import org.ipcbus.wire.WireMessage.Unlisten;
import org.ipcbus.wire.WireMessage.Welcome;

/**
 * Reads one message: the array, the kind, then each field in order, checking its type. Every error
 * names the kind and the field ("HELLO field secret: expected a byte string, got text").
 */
final class MessageReader {

  static final String SYMBOLIC_NAME = "symbolicName";
  static final String VERSION = "version";
  static final String BUNDLE_ID = "bundleId";
  static final String HEADERS = "headers";

  private final CborInput in;
  private final ValueReader values;
  private MessageKind kind;
  /** Index of the next field in kind.fields(). */
  private int field;

  MessageReader(CborInput in, WireLimits limits) {
    this.in = in;
    this.values = new ValueReader(in, limits);
  }

  WireMessage read() {
    CborHead head = in.peek();
    if (head.tagCount != 0 || head.major != ARRAY || head.length() == 0) {
      throw new WireFormatException("a message is a non-empty array, got " + head.describe());
    }
    int fieldCount = head.length() - 1;
    in.next();
    CborHead code = in.peek();
    if (code.tagCount != 0 || code.major != UNSIGNED) {
      throw new WireFormatException("a message starts with its kind, an unsigned integer, got "
          + code.describe());
    }
    in.next();
    kind = MessageKind.of(code.argumentOverflows ? Long.MAX_VALUE : code.argument);
    List<String> names = kind.fields();
    if (fieldCount < names.size()) {
      throw new WireFormatException("field " + names.get(fieldCount) + " is missing (got "
          + fieldCount + " of " + names.size() + " fields)").within(kind.name());
    } else if (fieldCount > names.size()) {
      throw new WireFormatException("has " + fieldCount + " fields, expected " + names.size())
          .within(kind.name());
    }
    WireMessage message = fields();
    in.expect(JsonToken.END_ARRAY);
    return message;
  }

  private WireMessage fields() {
    // Arguments are evaluated left to right, so each constructor reads its fields in order.
    return switch (kind) {
      case HELLO -> new Hello(version(), text(), bytes(), uint());
      case WELCOME -> new Welcome(version(), settings());
      case OPEN -> new Open(uint(), bundle());
      case OPENED -> new Opened(uint(), uint());
      case CLOSE -> new Close(uint());
      case SEND -> new Send(uint(), text(), args());
      case SEND_SYNC -> new SendSync(uint(), uint(), text(), args());
      case INVOKE -> new Invoke(uint(), uint(), text(), args());
      case RESULT -> new Result(uint(), value());
      case FAILURE -> new Failure(uint(), failureType(), textOrNull(), text());
      case LISTEN -> new Listen(uint(), text());
      case UNLISTEN -> new Unlisten(uint(), text());
      case DELIVER -> new Deliver(uint(), text(), args());
      case PING -> new Ping(uint());
      case PONG -> new Pong(uint());
      case DESTROYED -> new Destroyed(uint(), text());
      case GOODBYE -> new Goodbye(text());
      case ERROR -> new ProtocolError(text());
      case POST -> post(uint(), text(), value(), ports());
      case PORT_MESSAGE -> new PortMessage(uint(), value(), ports());
      case PORT_CLOSE -> new PortClose(uint());
    };
  }

  private Post post(long wc, String channel, Object message, List<Long> ports) {
    if (ports.isEmpty()) {
      field--;
      throw new WireFormatException("a POST transfers at least one port").within(context());
    }
    return new Post(wc, channel, message, ports);
  }

  /** Port ids: an untagged array of unsigned integers that fit 63 bits. */
  private List<Long> ports() {
    CborHead head = begin();
    if (head.tagCount != 0 || head.major != ARRAY || head.length() < 0) {
      throw wrong("an array of port ids", head);
    }
    int count = head.length();
    in.next();
    List<Long> ports = new java.util.ArrayList<>(Math.min(count, 64));
    for (int i = 0; i < count; i++) {
      CborHead id = in.peek();
      if (id.tagCount != 0 || id.major != UNSIGNED || id.argumentOverflows) {
        throw new WireFormatException("port id " + i + " must be an unsigned integer that fits 63 bits, got "
            + id.describe()).within(context());
      }
      in.next();
      ports.add(id.argument);
    }
    in.expect(JsonToken.END_ARRAY);
    field++;
    return ports;
  }

  /** Starts the next field: its head, with errors naming the kind and field. */
  private CborHead begin() {
    try {
      return in.peek();
    } catch (WireFormatException e) {
      throw e.within(context());
    }
  }

  private String context() {
    return kind.name() + " field " + kind.fields().get(field);
  }

  private WireFormatException wrong(String expected, CborHead head) {
    return new WireFormatException("expected " + expected + ", got " + head.describe())
        .within(context());
  }

  private long uint() {
    CborHead head = begin();
    if (head.tagCount != 0 || head.major != UNSIGNED) {
      throw wrong("an unsigned integer", head);
    }
    if (head.argumentOverflows) {
      throw new WireFormatException(Long.toUnsignedString(head.argument)
          + " does not fit a 63-bit id").within(context());
    }
    in.next();
    field++;
    return head.argument;
  }

  private int version() {
    long version = uint();
    if (version > Integer.MAX_VALUE) {
      field--;
      throw new WireFormatException("version " + version + " is too large").within(context());
    }
    return (int) version;
  }

  private String text() {
    CborHead head = begin();
    if (head.tagCount != 0 || head.major != TEXT) {
      throw wrong("a text string", head);
    }
    in.next();
    String text = in.text();
    field++;
    return text;
  }

  private String textOrNull() {
    CborHead head = begin();
    if (head.tagCount == 0 && head.major == CborHead.SIMPLE && head.info == CborHead.NULL) {
      in.next();
      field++;
      return null;
    }
    if (head.tagCount != 0 || head.major != TEXT) {
      throw wrong("a text string or null", head);
    }
    return text();
  }

  private byte[] bytes() {
    CborHead head = begin();
    if (head.tagCount != 0 || head.major != BYTES) {
      throw wrong("a byte string", head);
    }
    in.next();
    byte[] bytes = in.binary();
    field++;
    return bytes;
  }

  private FailureType failureType() {
    String name = text();
    try {
      return FailureType.fromWire(name);
    } catch (WireFormatException e) {
      field--;
      throw e.within(context());
    }
  }

  private List<Object> args() {
    try {
      List<Object> args = values.readValues("args");
      field++;
      return args;
    } catch (WireFormatException e) {
      throw e.within(context());
    }
  }

  private Object value() {
    try {
      Object value = values.readValue("value");
      field++;
      return value;
    } catch (WireFormatException e) {
      throw e.within(context());
    }
  }

  /** WELCOME settings: text keys, unsigned values, every required key present. */
  private Map<String, Long> settings() {
    Map<String, Long> settings = new LinkedHashMap<>();
    textKeyedMap((key, head) -> {
      if (head.tagCount != 0 || head.major != UNSIGNED || head.argumentOverflows) {
        throw new WireFormatException("setting " + key + " must be an unsigned integer, got "
            + head.describe());
      }
      in.next();
      settings.put(key, head.argument);
    });
    for (String required : WireProtocol.REQUIRED_SETTINGS) {
      if (!settings.containsKey(required)) {
        throw new WireFormatException("missing setting " + required).within(context());
      }
    }
    field++;
    return settings;
  }

  /** OPEN bundle: the four known keys are required; unknown keys are read and ignored. */
  private BundleInfo bundle() {
    Map<String, Object> bundle = new LinkedHashMap<>();
    textKeyedMap((key, head) -> {
      switch (key) {
        case SYMBOLIC_NAME, VERSION -> bundle.put(key, nested(key, head, TEXT, "a text string"));
        case BUNDLE_ID -> bundle.put(key, nested(key, head, UNSIGNED, "an unsigned integer"));
        case HEADERS -> bundle.put(key, headers(head));
        default -> values.readValue(key); // a newer child's extra information
      }
    });
    for (String required : List.of(SYMBOLIC_NAME, VERSION, BUNDLE_ID, HEADERS)) {
      if (!bundle.containsKey(required)) {
        throw new WireFormatException("missing " + required).within(context());
      }
    }
    field++;
    @SuppressWarnings("unchecked")
    Map<String, String> headers = (Map<String, String>) bundle.get(HEADERS);
    return new BundleInfo((String) bundle.get(SYMBOLIC_NAME), (String) bundle.get(VERSION),
        (Long) bundle.get(BUNDLE_ID), headers);
  }

  private Object nested(String key, CborHead head, int major, String expected) {
    if (head.tagCount != 0 || head.major != major || head.argumentOverflows) {
      throw new WireFormatException(key + " must be " + expected + ", got " + head.describe());
    }
    in.next();
    return major == TEXT ? in.text() : (Object) head.argument;
  }

  private Map<String, String> headers(CborHead head) {
    if (head.tagCount != 0 || head.major != MAP) {
      throw new WireFormatException("headers must be a map of text to text, got "
          + head.describe());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    textKeyedMap((name, value) -> headers.put(name, (String) nested("header " + name, value, TEXT,
        "a text string")));
    return headers;
  }

  /** What to do with one entry of a text-keyed map: the key, and the head of its value. */
  private interface Entry {
    void read(String key, CborHead valueHead);
  }

  /** Reads an untagged map with text keys and no duplicates, handing each entry on. */
  private void textKeyedMap(Entry entry) {
    CborHead head = begin();
    if (head.tagCount != 0 || head.major != MAP) {
      throw wrong("a map with text keys", head);
    }
    try {
      readEntries(head.length(), entry);
    } catch (WireFormatException e) {
      throw e.within(context());
    }
  }

  private void readEntries(int count, Entry entry) {
    in.next();
    java.util.Set<String> keys = new java.util.HashSet<>();
    for (int i = 0; i < count; i++) {
      CborHead keyHead = in.peek();
      if (keyHead.tagCount != 0 || keyHead.major != TEXT) {
        throw new WireFormatException("key " + i + " is " + keyHead.describe() + ", not text");
      }
      in.next();
      String key = in.fieldName();
      if (!keys.add(key)) {
        throw new WireFormatException("duplicate key \"" + WireFormatException.shorten(key) + "\"");
      }
      entry.read(key, in.peek());
    }
    in.expect(JsonToken.END_OBJECT);
  }
}
