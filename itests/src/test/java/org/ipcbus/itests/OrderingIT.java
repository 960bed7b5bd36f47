package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.WebContents;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.util.promise.Promise;

/** Per renderer, send, sendSync and invoke reach main in call order, and main's sends arrive in order. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OrderingIT extends IpcBusTestSupport {

  private static final int MESSAGES = 10_000;

  @Test
  public void tenThousandMixedCallsFromOneRendererArriveInCallOrder() throws Exception {
    // Only the main thread touches this list: listeners and handlers run there one at a time.
    List<Integer> arrived = new ArrayList<>();
    ipcMain.on("mixed", (event, args) -> arrived.add((Integer) args[0]));
    ipcMain.handle("mixed", (event, args) -> arrived.add((Integer) args[0]));
    List<Promise<Object>> invokes = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      switch (i % 3) {
        case 0 -> ipcRenderer.send("mixed", i);
        case 1 -> ipcRenderer.sendSync("mixed", i);
        default -> invokes.add(ipcRenderer.invoke("mixed", i));
      }
    }
    for (Promise<Object> invoke : invokes) {
      invoke.getValue();
    }
    ipcRenderer.sendSync("barrier");
    assertEquals(MESSAGES, arrived.size());
    for (int i = 0; i < MESSAGES; i++) {
      assertEquals("message " + i, Integer.valueOf(i), arrived.get(i));
    }
  }

  @Test
  public void mainsSendsArriveInOrder() throws Exception {
    List<Integer> arrived = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    ipcRenderer.on("to-renderer", (event, args) -> {
      arrived.add((Integer) args[0]);
      if (arrived.size() == MESSAGES) {
        done.countDown();
      }
    });
    WebContents self = ipcMain.fromId(ipcRenderer.getId()).orElseThrow();
    for (int i = 0; i < MESSAGES; i++) {
      self.send("to-renderer", i);
    }
    assertTrue(done.await(30, TimeUnit.SECONDS));
    assertEquals(MESSAGES, arrived.size());
    for (int i = 0; i < MESSAGES; i++) {
      assertEquals(Integer.valueOf(i), arrived.get(i));
    }
  }
}
