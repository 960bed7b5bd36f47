package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import javax.inject.Inject;

import org.ipcbus.api.IpcConstants;
import org.ipcbus.api.IpcMainListener;
import org.ipcbus.api.runtime.ChannelDTO;
import org.ipcbus.api.runtime.IpcRuntime;
import org.ipcbus.api.runtime.RendererDTO;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;

/**
 * The tab IPC in a real headless Chromium (Debian's, through Selenium and Debian's ChromeDriver),
 * on the real Felix Web Console and Felix HTTP Jetty: what the page shows, that it follows the bus
 * without a reload, and its actions. Skipped, loudly, when Chromium is not installed
 * ({@link ChromiumPaxExam}).
 */
@RunWith(ChromiumPaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleBrowserIT extends IpcBusTestSupport {

  @Inject
  private IpcRuntime runtime;

  private final ConsoleClient console = new ConsoleClient();
  private ChromeDriver browser;

  /** One browser for the tests of the class (it takes seconds to start), quit when the probe stops. */
  private static ChromeDriver shared;

  private static synchronized ChromeDriver sharedBrowser(BundleContext context) {
    if (shared == null) {
      shared = Chromium.start();
      Bundle probe = context.getBundle();
      context.addBundleListener((SynchronousBundleListener) event -> {
        if (event.getBundle() == probe && event.getType() == BundleEvent.STOPPING) {
          quitSharedBrowser();
        }
      });
    }
    return shared;
  }

  private static synchronized void quitSharedBrowser() {
    if (shared != null) {
      shared.quit();
      shared = null;
    }
  }

  @Override
  @Configuration
  public Option[] config() {
    // Selenium runs inside the test probe from the test's class path, as the JDK does.
    return ConsoleOptions.console("org.openqa.selenium", "org.openqa.selenium.*");
  }

  @Before
  public void openThePage() {
    Chromium.assumeInstalled();
    console.awaitUp();
    browser = sharedBrowser(context);
    // A fresh page for each test. The console's Basic login, in the URL; the page's own requests reuse it.
    browser.get(console.origin().replace("http://", "http://" + ConsoleClient.USER + ":" + ConsoleClient.PASSWORD + "@")
        + "/system/console/ipc");
    await("the page shows the bus", d -> text(By.id("ipc-status")).startsWith("Live"));
  }

  @After
  public void leaveThePage() {
    if (browser != null) {
      browser.get("about:blank"); // no poll of the page runs into the next test's changes
    }
  }

  private void await(String what, Function<WebDriver, Boolean> condition) {
    new WebDriverWait(browser, Duration.ofSeconds(15)).withMessage(what)
        .ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /** @return the element's text; the page rebuilds its tables each second, so a stale read is retried */
  private String text(By by) {
    for (int attempt = 1; ; attempt++) {
      try {
        return browser.findElement(by).getText();
      } catch (StaleElementReferenceException e) {
        if (attempt == 10) {
          throw e;
        }
      }
    }
  }

  private static By cell(String table, Object key, String column) {
    return By.cssSelector("#" + table + " tr[data-key=\"" + key + "\"] td[data-col=\"" + column + "\"]");
  }

  private RendererDTO renderer(String symbolicName) {
    return Arrays.stream(runtime.getRuntimeDTO().renderers).filter(r -> r.bundleSymbolicName.equals(symbolicName))
        .findFirst().orElseThrow(() -> new AssertionError("no renderer of " + symbolicName));
  }

  private RendererDTO probeRenderer() {
    long probe = context.getBundle().getBundleId();
    return Arrays.stream(runtime.getRuntimeDTO().renderers).filter(r -> r.bundleId == probe).findFirst().orElseThrow();
  }

  private long messages(String channel) {
    return Arrays.stream(runtime.getRuntimeDTO().channels).filter(c -> c.name.equals(channel))
        .mapToLong(c -> c.messages).findFirst().orElse(0);
  }

  private void submit(String form, String renderer, String channel, String args) {
    if (renderer != null) {
      browser.findElement(By.id(form + "-renderer")).clear();
      browser.findElement(By.id(form + "-renderer")).sendKeys(renderer);
    }
    browser.findElement(By.id(form + "-channel")).clear();
    browser.findElement(By.id(form + "-channel")).sendKeys(channel);
    browser.findElement(By.id(form + "-args")).clear();
    browser.findElement(By.id(form + "-args")).sendKeys(args);
    browser.findElement(By.id(form + "-button")).click();
  }

  @Test
  public void thePageShowsTheSampleRendererAndBothSeedChannelsWithTheirCounts() {
    RendererDTO sample = renderer("org.ipcbus.sample.renderer");
    await("the sample renderer's row", d -> text(cell("ipc-renderers", sample.id, "bundle"))
        .equals("org.ipcbus.sample.renderer (" + sample.bundleId + ")"));
    assertEquals(String.valueOf(sample.messagesSent), text(cell("ipc-renderers", sample.id, "sent")));
    assertEquals("asynchronous-reply", text(cell("ipc-renderers", sample.id, "channels")));
    assertEquals("main", text(cell("ipc-renderers", sample.id, "process")));
    for (String channel : new String[] {"asynchronous-message", "synchronous-message"}) {
      ChannelDTO dto = Arrays.stream(runtime.getRuntimeDTO().channels).filter(c -> c.name.equals(channel)).findFirst().orElseThrow();
      assertTrue(channel + " carried the seed's message", dto.messages >= 1);
      await(channel + " with its count", d -> text(cell("ipc-channels", channel, "messages")).equals(String.valueOf(messages(channel))));
      assertEquals("0", text(cell("ipc-channels", channel, "errors")));
      assertEquals("service " + dto.listeners[0].serviceId + " of bundle " + dto.listeners[0].bundleId,
          text(cell("ipc-channels", channel, "listeners")));
    }
    assertEquals("30000", text(cell("ipc-settings", "invoke.timeout.ms", "value")));
    assertEquals("allow all", text(cell("ipc-policy", "listen", "rules")));
    // Accessible: every field has its label, every column header its scope.
    Object unlabelled = browser.executeScript("return Array.from(document.querySelectorAll('#ipcbus input, #ipcbus textarea'))"
        + ".filter(f => !document.querySelector('label[for=\"' + f.id + '\"]')).map(f => f.id);");
    assertEquals(List.of(), unlabelled);
    Object headers = browser.executeScript("return Array.from(document.querySelectorAll('#ipcbus th'))"
        + ".filter(h => h.getAttribute('scope') !== 'col').length;");
    assertEquals(0L, headers);
  }

  @Test
  public void aSendFromThePageArrivesAtTheRenderer() throws Exception {
    CompletableFuture<List<Object>> arrived = new CompletableFuture<>();
    ipcRenderer.on("console-page", (event, args) -> arrived.complete(Arrays.asList(args)));
    long id = probeRenderer().id;
    submit("ipc-send", String.valueOf(id), "console-page", "[\"pong\", 2, {\"from\": \"the page\"}]");
    assertEquals(List.of("pong", 2L, Map.of("from", "the page")), arrived.get(15, TimeUnit.SECONDS));
    await("the page says it sent", d -> text(By.id("ipc-action-result"))
        .equals("Sent to WebContents " + id + " on channel 'console-page'"));
    assertEquals("", text(By.id("ipc-action-error")));
  }

  @Test
  public void theCountersGoUpWithoutAReloadWhileRenderersSend() throws Exception {
    ((JavascriptExecutor) browser).executeScript("window.ipcbusSamePage = true;");
    long before = messages("asynchronous-message");
    long sentBefore = probeRenderer().messagesSent;
    await("the page shows " + before, d -> text(cell("ipc-channels", "asynchronous-message", "messages")).equals(String.valueOf(before)));
    for (int i = 0; i < 5; i++) {
      ipcRenderer.send("asynchronous-message", "ping");
    }
    await("the page shows " + (before + 5), d -> text(cell("ipc-channels", "asynchronous-message", "messages"))
        .equals(String.valueOf(before + 5)));
    long id = probeRenderer().id;
    await("the probe renderer's sent count", d -> text(cell("ipc-renderers", id, "sent")).equals(String.valueOf(sentBefore + 5)));
    assertEquals("the page was not reloaded", Boolean.TRUE, browser.executeScript("return window.ipcbusSamePage === true;"));

    // Under load, for the sparkline and the screenshot: a renderer sends 50 messages a second on a
    // channel of main, and a failed whiteboard service is there.
    ipcMain.on("console-load", (event, args) -> {});
    ServiceRegistration<IpcMainListener> bad = registerBadListener();
    AtomicBoolean loading = new AtomicBoolean(true);
    Thread load = new Thread(() -> {
      while (loading.get()) {
        ipcRenderer.send("console-load", "tick");
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "console-load");
    load.start();
    try {
      await("the sparkline shows a rate", d -> !text(By.cssSelector("#ipc-channels tr[data-key=\"console-load\"] .spark-rate"))
          .equals("0.0/s"));
      Thread.sleep(8000); // some points on the line
      screenshot("ipcbus-console.png");
      assertEquals("the page was not reloaded", Boolean.TRUE, browser.executeScript("return window.ipcbusSamePage === true;"));

      // Readable in the dark too: the system's dark scheme, as Chromium emulates it.
      browser.executeCdpCommand("Emulation.setEmulatedMedia",
          Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
      assertEquals("rgb(22, 27, 34)", browser.executeScript(
          "return getComputedStyle(document.getElementById('ipcbus')).backgroundColor;"));
      assertEquals("rgb(230, 237, 243)", browser.executeScript(
          "return getComputedStyle(document.querySelector('#ipc-channels td')).color;"));
      screenshot("ipcbus-console-dark.png");
    } finally {
      loading.set(false);
      load.join();
      bad.unregister();
    }
  }

  private void screenshot(String name) throws Exception {
    File screenshot = new File(System.getProperty("ipcbus.screenshots", "target"), name);
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot.toPath(), StandardCopyOption.REPLACE_EXISTING);
    assertTrue(screenshot + " written", screenshot.length() > 10_000);
  }

  @Test
  public void thePagePollsAtMostOnceASecondAndPausesWhileHidden() throws Exception {
    // Count the page's requests of data.json from now on.
    browser.executeScript("window.ipcbusPolls = 0; var fetch0 = window.fetch;"
        + "window.fetch = function (url, init) { if (String(url).endsWith('/data.json')) { window.ipcbusPolls++; }"
        + " return fetch0.apply(this, arguments); };");
    Thread.sleep(3500);
    long visible = (Long) browser.executeScript("return window.ipcbusPolls;");
    assertTrue("polls in 3.5 s while visible: " + visible, visible >= 2 && visible <= 4);

    // Headless Chromium keeps its one tab visible: the test tells the page it was hidden, as a
    // browser does when the user switches tabs.
    browser.executeScript("Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});"
        + "document.dispatchEvent(new Event('visibilitychange'));");
    await("the page says it paused", d -> text(By.id("ipc-status")).equals("Paused while the tab is hidden"));
    long paused = (Long) browser.executeScript("return window.ipcbusPolls;");
    Thread.sleep(3000);
    assertEquals("no poll while hidden", paused, browser.executeScript("return window.ipcbusPolls;"));

    browser.executeScript("Object.defineProperty(document, 'visibilityState', {value: 'visible', configurable: true});"
        + "document.dispatchEvent(new Event('visibilitychange'));");
    await("polling again once visible", d -> (Long) browser.executeScript("return window.ipcbusPolls;") > paused
        && text(By.id("ipc-status")).startsWith("Live"));
  }

  private ServiceRegistration<IpcMainListener> registerBadListener() {
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put(IpcConstants.CHANNEL, 42);
    return context.registerService(IpcMainListener.class, (event, args) -> {}, properties);
  }

  @Test
  public void aFailedWhiteboardServiceAppearsWithItsReasonAndGoesWhenItIsGone() {
    ServiceRegistration<IpcMainListener> bad = registerBadListener();
    long serviceId = (Long) bad.getReference().getProperty("service.id");
    try {
      await("the failed service's row", d -> text(cell("ipc-failed", serviceId, "reason")).equals("invalid ipc.channel"));
      assertTrue(text(cell("ipc-failed", serviceId, "message")).contains("java.lang.Integer"));
      assertEquals("org.ipcbus.api.IpcMainListener", text(cell("ipc-failed", serviceId, "type")));
    } finally {
      bad.unregister();
    }
    await("the row goes with the service", d -> d.findElements(By.cssSelector("#ipc-failed tr[data-key=\"" + serviceId + "\"]")).isEmpty());
  }

  @Test
  public void badJsonShowsAnErrorAndChangesNothing() throws Exception {
    ipcRenderer.on("console-bad", (event, args) -> {
      throw new AssertionError("a refused send arrived");
    });
    RendererDTO before = probeRenderer();
    submit("ipc-send", String.valueOf(before.id), "console-bad", "[\"pong\"");
    await("the error on the page", d -> text(By.id("ipc-action-error")).startsWith("args is not valid JSON"));
    assertEquals("", text(By.id("ipc-action-result")));
    Thread.sleep(200); // a wrongly sent message would have arrived by now
    assertEquals(before.messagesReceived, probeRenderer().messagesReceived);
  }

  @Test
  public void anUnknownRendererShowsAnErrorAndTheFormWorksFromTheKeyboard() {
    browser.findElement(By.id("ipc-send-renderer")).sendKeys("987654");
    browser.findElement(By.id("ipc-send-channel")).sendKeys("console-x", Keys.ENTER);
    await("the error on the page", d -> text(By.id("ipc-action-error"))
        .equals("No renderer with WebContents id 987654; the table Renderers lists them"));
  }

  @Test
  public void anInvokeFromThePageShowsTheReplyAndAMissingHandlerAsAnError() {
    ipcMain.handle("console-upper", (event, args) -> String.valueOf(args[0]).toUpperCase());
    try {
      submit("ipc-invoke", null, "console-upper", "[\"pong\"]");
      await("the reply on the page", d -> text(By.id("ipc-action-result")).equals("\"PONG\""));
    } finally {
      ipcMain.removeHandler("console-upper");
    }
    submit("ipc-invoke", null, "console-upper", "[]");
    await("the error on the page", d -> text(By.id("ipc-action-error"))
        .equals("IpcException: No handler registered for 'console-upper'"));
  }
}
