package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.ipcbus.api.MessageChannelMain;
import org.ipcbus.api.WebContents;
import org.ipcbus.api.runtime.IpcRuntime;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.service.log.LogEntry;

/**
 * Peers on main's socket that are not the renderer host: each is refused or disconnected, with the
 * reason in main's log, and nothing of it is delivered; main, and a real child of another
 * configuration, go on. The peers are a process that main does not launch ({@code launch=false}),
 * reached with the socket and secret file main logs; they speak raw bytes ({@link RawPeer}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProcessBadPeerIT extends ProcessTestSupport {

  @Inject
  private IpcRuntime runtime;

  private static final long HANDSHAKE_MILLIS = 500;
  /** How long a connection may be silent before its HELLO: WireProtocol.HELLO_TIMEOUT_MILLIS. */
  private static final long HELLO_MILLIS = 5_000;
  private static final long OWN_PID = ProcessHandle.current().pid();
  private static final Pattern HOW_TO_START = Pattern.compile(
      "-Dipcbus\\.host\\.socket=(\\S+) -Dipcbus\\.host\\.name=(\\S+) -Dipcbus\\.host\\.secret\\.file=([^\\s)]+)");

  /** A process that main waits for: where its socket is and the file with its secret. */
  private record Door(String name, Configuration configuration, Path socket, Path secretFile) {
    byte[] secret() throws IOException {
      return Files.readAllBytes(secretFile); // raw bytes, as PROTOCOL.md says
    }
  }

  private Door door;

  @Before
  public void openTheDoor() throws Exception {
    door = open("door");
  }

  @Test
  public void aPeerThatSaysNothingIsRefusedAfterTheHandshakeTime() throws Exception {
    silent();
    mainIsFine();
  }

  @Test
  public void aWrongSecretIsRefused() throws Exception {
    wrongSecret();
    mainIsFine();
  }

  @Test
  public void theRightSecretUnderAnotherProcessNameIsRefused() throws Exception {
    wrongName();
    mainIsFine();
  }

  @Test
  public void randomBytesAreRefused() throws Exception {
    randomBytes();
    mainIsFine();
  }

  @Test
  public void framesAnnouncingTwoGigabytesOrMoreThanTheHandshakeLimitAreRefusedAtOnce() throws Exception {
    hugeFrames();
    mainIsFine();
  }

  @Test
  public void aSendAsAWebContentsOfAnotherRendererDisconnectsAndIsNotDelivered() throws Exception {
    impersonation(ipcRenderer.getId());
    mainIsFine();
  }

  @Test
  public void deeplyNestedArgumentsDisconnect() throws Exception {
    deepNesting();
    mainIsFine();
  }

  @Test
  public void aLengthDeclaredLargerThanTheFrameDisconnects() throws Exception {
    lyingLengths();
    mainIsFine();
  }

  /** A version 1 peer has no MessagePorts: main refuses to give it one, and disconnects it if it posts on one. */
  @Test
  public void aVersionOnePeerIsRefusedPortsWithTheReason() throws Exception {
    long since = System.currentTimeMillis();
    try (RawPeer peer = join()) {
      long own = openRenderer(peer);
      WebContents contents = ipcMain.fromId(own).orElseThrow();
      MessageChannelMain channel = ipcMain.newMessageChannel();
      IllegalStateException refused = assertThrows(IllegalStateException.class,
          () -> contents.postMessage("door.port", "yours", channel.getPort1()));
      assertTrue(refused.getMessage(), refused.getMessage().contains("process=door")
          && refused.getMessage().contains("its renderer process 'door' speaks protocol version 1, which has no MessagePorts"));
      // Refused before anything happened: the port is still main's.
      assertFalse(channel.getPort1().isClosed());
      channel.getPort1().close();
      peer.writeFrame(RawPeer.portMessage(2, "no ports in version 1"));
      assertErrorThenClosed(peer, "PORT_MESSAGE needs protocol version 2; this connection speaks 1");
    }
    awaitDisconnect(since, "PORT_MESSAGE needs protocol version 2; this connection speaks 1");
    mainIsFine();
  }

  /** A version 2 peer that posts on a port id it does not hold is disconnected, naming the port. */
  @Test
  public void aPortMessageOnAPortThePeerDoesNotHoldDisconnects() throws Exception {
    for (long port : List.of(7L, 8L)) { // an id of the child's parity, and one of main's, neither ever sent
      long since = System.currentTimeMillis();
      String reason = "PORT_MESSAGE on port " + port + ", which renderer process 'door' does not hold";
      try (RawPeer peer = RawPeer.connect(door.socket())) {
        peer.writeFrame(RawPeer.hello(2, door.name(), door.secret(), OWN_PID));
        byte[] welcome = peer.readAnswer(10_000);
        assertEquals(RawPeer.WELCOME, RawPeer.kind(welcome));
        assertEquals(2, RawPeer.welcomeVersion(welcome));
        openRenderer(peer);
        peer.writeFrame(RawPeer.portMessage(port, "not mine"));
        assertErrorThenClosed(peer, reason);
      }
      awaitDisconnect(since, reason);
    }
    mainIsFine();
  }

  @Test
  public void hostilePeersLeaveARealChildOfAnotherConfigurationPlaying() throws Exception {
    long since = System.currentTimeMillis();
    launchSeed("neighbour", Map.of());
    long pid = awaitLaunch("neighbour", since);
    awaitOutput("neighbour", pid, "pong", 2);
    WebContents neighbour = awaitRendererOfProcess(pid);

    silent();
    wrongSecret();
    wrongName();
    randomBytes();
    hugeFrames();
    impersonation(neighbour.getId());
    deepNesting();
    lyingLengths();
    mainIsFine();

    neighbour.send("asynchronous-reply", "pong");
    awaitOutput("neighbour", pid, "pong", 3);
    assertFalse(neighbour.isDestroyed());
    assertTrue(LogEntries.all(context).stream()
        .noneMatch(entry -> entry.getMessage().startsWith("Renderer process 'neighbour' (pid " + pid + ") is gone")));
  }

  /** A renderer process that someone else starts, as the log tells how, on every Java of the test run. */
  @Test
  public void aChildStartedByTheTestJoinsAndPlaysTheSeedOnEveryJava() throws Exception {
    List<String> javas = TestJavas.executables();
    for (int i = 0; i < javas.size(); i++) {
      Door outside = open("outside-" + i);
      Path storage = Files.createTempDirectory("ipcbus-test-outside-");
      List<String> output = new CopyOnWriteArrayList<>();
      Process child = new ProcessBuilder(javas.get(i),
          "-Dipcbus.host.socket=" + outside.socket(),
          "-Dipcbus.host.name=" + outside.name(),
          "-Dipcbus.host.secret.file=" + outside.secretFile(),
          "-Dipcbus.host.bundles=" + ChildProcesses.bundleUrl("ipcbus.sample.renderer"),
          "-Dorg.osgi.framework.storage=" + storage,
          "-jar", new File(System.getProperty("ipcbus.host.jar")).getAbsolutePath())
          .redirectErrorStream(true).start();
      try {
        collect(child, output);
        Await.within(TestChildren.START_MILLIS, "the outside child printed two pongs (" + output + ")",
            () -> output.stream().filter("pong"::equals).count() >= 2);
        WebContents contents = awaitRendererOfProcess(child.pid());
        assertEquals("org.ipcbus.impl", contents.getBundle().getSymbolicName());
        LogEntries.await(context, "the outside child's connection", entry -> entry.getMessage()
            .equals("Renderer process '" + outside.name() + "' (pid " + child.pid() + ") connected"));

        // Main cannot kill what it did not launch: its goodbye makes the child stop itself.
        outside.configuration().delete();
        assertTrue("the outside child stopped when main said goodbye (" + output + ")",
            child.waitFor(10, TimeUnit.SECONDS));
        assertTrue(contents.isDestroyed());
      } finally {
        child.destroyForcibly();
        try (Stream<Path> files = Files.walk(storage)) {
          files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
    }
  }

  // ---- the peers -----------------------------------------------------------------------------

  /** Connects and says nothing: refused when the protocol's HELLO time (5 s, PROTOCOL.md) is over. */
  private void silent() throws Exception {
    long since = System.currentTimeMillis();
    try (RawPeer peer = RawPeer.connect(door.socket())) {
      peer.framesUntilClosed(HELLO_MILLIS + 10_000);
    }
    assertTrue(System.currentTimeMillis() - since >= HELLO_MILLIS - 50);
    awaitRefusal(since, "no HELLO within " + HELLO_MILLIS + " ms");
  }

  private void wrongSecret() throws Exception {
    long since = System.currentTimeMillis();
    byte[] guess = new byte[32];
    new Random(7).nextBytes(guess);
    assertEquals("wrong secret for renderer process 'door'", refusedHello(RawPeer.hello("door", guess, OWN_PID)));
    awaitRefusal(since, "wrong secret for renderer process 'door'");
  }

  private void wrongName() throws Exception {
    long since = System.currentTimeMillis();
    String reason = "this socket is for renderer process 'door', not 'other'";
    assertEquals(reason, refusedHello(RawPeer.hello("other", door.secret(), OWN_PID)));
    awaitRefusal(since, reason);
  }

  /** Random bytes, then a frame of random bytes: whatever main reads into them, it refuses them. */
  private void randomBytes() throws Exception {
    Random random = new Random(20_260_101);
    byte[] noise = new byte[4096];
    random.nextBytes(noise);
    byte[] frame = new byte[256];
    random.nextBytes(frame);
    for (byte[] bytes : List.of(noise, RawPeer.frameOf(frame))) {
      long since = System.currentTimeMillis();
      try (RawPeer peer = RawPeer.connect(door.socket())) {
        peer.writeWhileOpen(bytes);
        peer.framesUntilClosed(HANDSHAKE_MILLIS + 10_000);
      }
      awaitRefusal(since, "");
    }
  }

  /**
   * Before the handshake main reads at most 64 KiB (PROTOCOL.md section 2): a peer that has not
   * proven who it is cannot make main allocate more. After it, frames are bounded by the limit main
   * sent; 2 GB is over any.
   */
  private void hugeFrames() throws Exception {
    for (long announced : List.of(0x8000_0000L, 0x7FFF_FFFFL, 0xFFFF_FFFFL, 1L << 20)) {
      long since = System.currentTimeMillis();
      try (RawPeer peer = RawPeer.connect(door.socket())) {
        peer.writeWhileOpen(RawPeer.lengthPrefix(announced));
        peer.framesUntilClosed(10_000);
      }
      LogEntry refusal = awaitRefusal(since, "frame of " + announced + " bytes exceeds the limit of 65536 bytes");
      assertTrue("refused at once, not at the handshake time", refusal.getTime() - since < HANDSHAKE_MILLIS);
    }
    long since = System.currentTimeMillis();
    try (RawPeer peer = join()) {
      peer.writeWhileOpen(RawPeer.lengthPrefix(0x8000_0000L));
      assertErrorThenClosed(peer, "frame of 2147483648 bytes exceeds the limit of");
    }
    awaitDisconnect(since, "frame of 2147483648 bytes exceeds the limit of");
  }

  /** A SEND as a WebContents the connection does not own: disconnected, nothing delivered. */
  private void impersonation(long victim) throws Exception {
    AtomicInteger delivered = new AtomicInteger();
    ipcMain.on("door.stolen", (event, args) -> delivered.incrementAndGet());
    long since = System.currentTimeMillis();
    long own;
    try (RawPeer peer = join()) {
      own = openRenderer(peer);
      peer.writeFrame(RawPeer.send(victim, "door.stolen", new RawPeer.Cbor().array(1).text("as someone else").toBytes()));
      assertErrorThenClosed(peer, "WebContents " + victim + " is not one of this process's");
    }
    awaitDisconnect(since, "WebContents " + victim + " is not one of this process's");
    assertTrue(ipcMain.fromId(own).map(WebContents::isDestroyed).orElse(true));
    assertEquals(0, delivered.get());
    ipcMain.removeAllListeners("door.stolen");
  }

  /** Arguments nested 100,000 deep: refused at the depth limit, no StackOverflowError. */
  private void deepNesting() throws Exception {
    AtomicInteger delivered = new AtomicInteger();
    ipcMain.on("door.deep", (event, args) -> delivered.incrementAndGet());
    byte[] args = new byte[100_002];
    Arrays.fill(args, (byte) 0x81); // array of 1, 100,001 times
    args[args.length - 1] = 0x00;
    long since = System.currentTimeMillis();
    try (RawPeer peer = join()) {
      long own = openRenderer(peer);
      peer.writeFrame(RawPeer.send(own, "door.deep", args));
      assertErrorThenClosed(peer, "nested deeper than 256 levels");
    }
    awaitDisconnect(since, "nested deeper than 256 levels");
    assertEquals(0, delivered.get());
    ipcMain.removeAllListeners("door.deep");
  }

  /** A text and an array declaring more than the frame holds. */
  private void lyingLengths() throws Exception {
    for (boolean text : List.of(true, false)) {
      long since = System.currentTimeMillis();
      String reason = text ? "declared text string length 1048576 exceeds the" : "declared array length 4294967296 exceeds the";
      try (RawPeer peer = join()) {
        long own = openRenderer(peer);
        RawPeer.Cbor send = new RawPeer.Cbor().array(4).uint(RawPeer.SEND).uint(own);
        byte[] body = text
            ? send.head(3, 1 << 20).raw("door".getBytes(StandardCharsets.UTF_8)).array(0).toBytes()
            : send.text("door.lie").head(4, 1L << 32).text("x").toBytes();
        peer.writeFrame(body);
        assertErrorThenClosed(peer, reason);
      }
      awaitDisconnect(since, reason);
    }
  }

  /** A valid peer still joins, opens a renderer and is heard, then leaves cleanly. */
  private void mainIsFine() throws Exception {
    CompletableFuture<Long> heard = new CompletableFuture<>();
    ipcMain.on("door.alive", (event, args) -> heard.complete(event.getSender().getId()));
    long since = System.currentTimeMillis();
    long own;
    try (RawPeer peer = join()) {
      own = openRenderer(peer);
      peer.writeFrame(RawPeer.send(own, "door.alive", new RawPeer.Cbor().array(1).text("alive").toBytes()));
      assertEquals(Long.valueOf(own), heard.get(10, TimeUnit.SECONDS));
      peer.writeFrame(RawPeer.goodbye("done"));
    }
    awaitGone(since, "clean-exit");
    ipcMain.removeAllListeners("door.alive");
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** Configures a process that main does not launch and reads from the log where to reach it. */
  private Door open(String name) throws Exception {
    long since = System.currentTimeMillis();
    Configuration configuration = launch(name, List.of(),
        Map.of("launch", false, "handshake.ms", HANDSHAKE_MILLIS));
    LogEntry howToStart = LogEntries.await(context, "how to start " + name, entry -> entry.getTime() >= since
        && entry.getMessage().startsWith("Renderer process '" + name + "' is not launched by main: start it with "));
    Matcher matcher = HOW_TO_START.matcher(howToStart.getMessage());
    assertTrue(howToStart.getMessage(), matcher.find());
    assertEquals(name, matcher.group(2));
    return new Door(name, configuration, Path.of(matcher.group(1)), Path.of(matcher.group(3)));
  }

  /** Says a HELLO that main must refuse, and returns the ERROR main answered before it closed. */
  private String refusedHello(byte[] hello) throws IOException {
    try (RawPeer peer = RawPeer.connect(door.socket())) {
      peer.writeFrame(hello);
      List<byte[]> frames = peer.framesUntilClosed(10_000);
      assertEquals(1, frames.size());
      assertEquals(RawPeer.ERROR, RawPeer.kind(frames.get(0)));
      return RawPeer.errorMessage(frames.get(0));
    }
  }

  /** Connects with the right name and secret. */
  private RawPeer join() throws IOException {
    RawPeer peer = RawPeer.connect(door.socket());
    peer.writeFrame(RawPeer.hello(door.name(), door.secret(), OWN_PID));
    byte[] answer = peer.readAnswer(10_000);
    if (answer == null || RawPeer.kind(answer) != RawPeer.WELCOME) {
      peer.close();
      throw new AssertionError("main did not welcome a valid hello: "
          + (answer == null ? "closed" : RawPeer.kind(answer) == RawPeer.ERROR ? RawPeer.errorMessage(answer) : "kind " + RawPeer.kind(answer)));
    }
    return peer;
  }

  /** Opens a renderer on a joined connection and returns its WebContents id. */
  private static long openRenderer(RawPeer peer) throws IOException {
    peer.writeFrame(RawPeer.open(0, "test.raw.peer"));
    byte[] opened = peer.readAnswer(10_000);
    assertEquals(opened != null && RawPeer.kind(opened) == RawPeer.ERROR
        ? "main answered OPEN with ERROR: " + RawPeer.errorMessage(opened) : "main's answer to OPEN",
        RawPeer.OPENED, RawPeer.kind(opened));
    return RawPeer.openedWc(opened);
  }

  private static void assertErrorThenClosed(RawPeer peer, String reason) throws IOException {
    List<byte[]> errors = new ArrayList<>();
    for (byte[] frame : peer.framesUntilClosed(10_000)) {
      if (RawPeer.kind(frame) == RawPeer.ERROR) {
        errors.add(frame);
      }
    }
    assertEquals("ERROR frames before the close", 1, errors.size());
    String message = RawPeer.errorMessage(errors.get(0));
    assertTrue(message, message.contains(reason));
  }

  private LogEntry awaitRefusal(long since, String reason) {
    String prefix = "Renderer process '" + door.name() + "': refused a connection: ";
    return LogEntries.await(context, "a refusal: " + reason, entry -> entry.getTime() >= since
        && entry.getMessage().startsWith(prefix) && entry.getMessage().contains(reason));
  }

  private void awaitDisconnect(long since, String reason) {
    String prefix = "Renderer process '" + door.name() + "' (pid " + OWN_PID + ") broke the protocol and is disconnected: ";
    LogEntries.await(context, "a disconnection: " + reason, entry -> entry.getTime() >= since
        && entry.getMessage().startsWith(prefix) && entry.getMessage().contains(reason));
    awaitGone(since, "abnormal-exit");
  }

  /**
   * Waits until main took note that the peer is gone: only then may the next one connect. The log
   * line alone is not proof: the previous connection's line can carry the same millisecond as
   * {@code since}. So main's runtime must also show the process waiting again (STARTING) instead
   * of connected (RUNNING): callers come here after the peer connected, so that state is new.
   */
  private void awaitGone(long since, String reason) {
    LogEntries.await(context, "the end of a connection", entry -> entry.getTime() >= since
        && entry.getMessage().startsWith("Renderer process '" + door.name() + "' is gone: " + reason));
    Await.until("main's runtime shows '" + door.name() + "' waiting for a connection again",
        () -> Arrays.stream(runtime.getRuntimeDTO().processes)
            .anyMatch(process -> process.name.equals(door.name()) && process.state.equals("STARTING")));
  }

  private static void collect(Process child, List<String> output) {
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          output.add(line);
        }
      } catch (IOException e) {
        // the child is gone
      }
    }, "outside-child-output");
    reader.setDaemon(true);
    reader.start();
  }
}
