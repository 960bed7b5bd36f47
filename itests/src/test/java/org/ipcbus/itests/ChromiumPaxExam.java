package org.ipcbus.itests;

import org.junit.runner.Description;
import org.junit.runner.notification.RunNotifier;
import org.junit.runners.model.InitializationError;
import org.ops4j.pax.exam.junit.PaxExam;

/**
 * Pax Exam's runner, which reports the tests of the class as skipped when Chromium or ChromeDriver
 * is not installed. Pax Exam runs neither rules nor {@code @BeforeClass} outside the framework, and
 * inside it a failed assumption passes as a test that did nothing; so the decision is taken here,
 * before the framework starts.
 */
public final class ChromiumPaxExam extends PaxExam {

  public ChromiumPaxExam(Class<?> testClass) throws InitializationError {
    super(testClass);
  }

  @Override
  public void run(RunNotifier notifier) {
    if (!Chromium.installed()) {
      Chromium.warnNotInstalled();
      for (Description test : getDescription().getChildren()) {
        notifier.fireTestIgnored(test);
      }
      return;
    }
    super.run(notifier);
  }
}
