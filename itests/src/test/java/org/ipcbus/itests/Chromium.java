package org.ipcbus.itests;

import java.io.File;
import java.time.Duration;

import org.junit.Assume;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and ChromeDriver ({@code apt-get install chromium chromium-driver}, which
 * {@code .ci/run} does), driven headless by Selenium. Both are named explicitly, so Selenium Manager
 * never looks for (or downloads) a browser or driver. Other paths: system properties
 * {@code ipcbus.chromium} and {@code ipcbus.chromedriver}.
 */
final class Chromium {

  private static final String BROWSER = System.getProperty("ipcbus.chromium", "/usr/bin/chromium");
  private static final String DRIVER = System.getProperty("ipcbus.chromedriver", "/usr/bin/chromedriver");

  private Chromium() {}

  /** @return whether Chromium and ChromeDriver are there to run */
  static boolean installed() {
    return new File(BROWSER).canExecute() && new File(DRIVER).canExecute();
  }

  /** Says loudly that the browser tests are skipped, and why. */
  static void warnNotInstalled() {
    System.err.println("\n"
        + "************************************************************************************\n"
        + "* SKIPPED: the browser tests of the Web Console plugin need Debian's Chromium and   *\n"
        + "* ChromeDriver: apt-get install -y chromium chromium-driver (.ci/run does it).      *\n"
        + "* Not found: " + BROWSER + " and " + DRIVER + "\n"
        + "* The HTTP-level tests (ConsoleHttpIT) still run.                                  *\n"
        + "************************************************************************************\n");
  }

  /** Skips the calling test when Chromium or ChromeDriver is not installed. */
  static void assumeInstalled() {
    Assume.assumeTrue("Chromium (" + BROWSER + ") and ChromeDriver (" + DRIVER + ") are not installed", installed());
  }

  /** @return a new headless Chromium, 1280 pixels wide */
  static ChromeDriver start() {
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1300");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
        .withTimeout(Duration.ofSeconds(60)).build();
    return new ChromeDriver(service, options);
  }
}
