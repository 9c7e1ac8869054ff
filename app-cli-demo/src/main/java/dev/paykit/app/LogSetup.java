package dev.paykit.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Where a run's log lines go. The structured lines ({@code dev.paykit.events}, one key-value line
 * per event) and the HTTP exchanges always go to a file in the run directory, so that the narration
 * on screen stays readable; {@code --verbose} shows them on screen as well: the structured lines,
 * every exchange between the gateway and the provider, the webhook receiver's answers, and what the
 * sandbox and the gateway say about faults and retries.
 *
 * <p>No secret reaches these lines: the adapters log none, and the exchange log masks credentials.
 * As a second line of defence every line passes a filter that masks anything shaped like a bearer
 * or basic credential, a webhook secret or a password parameter.
 */
public final class LogSetup {
  /** The layout of every line: time, level, thread, logger, message and its key-value pairs. */
  static final String PATTERN =
      "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - "
          + "%replace(%replace(%msg %kvp){'(?i)(bearer |basic |whsec_|password=)[^ \"&;,\\r\\n]+',"
          + " '$1[redacted]'}){' +$', ''}"
          + "%n%ex";

  /** Loggers whose every line, debug included, goes to the file. */
  private static final List<String> DETAILED =
      List.of(
          "dev.paykit.adapter.http",
          "dev.paykit.sandbox",
          "dev.paykit.app.server",
          "dev.paykit.inbound.webhook",
          "dev.paykit.inbound.worker");

  /** On screen with {@code --verbose}: everything these say. */
  private static final List<String> SHOWN_IN_FULL =
      List.of(
          "dev.paykit.events",
          "dev.paykit.app.server",
          "dev.paykit.inbound.webhook",
          "dev.paykit.inbound.worker");

  /** On screen with {@code --verbose}: what these say at info and above (faults, retries). */
  private static final List<String> SHOWN_FROM_INFO =
      List.of("dev.paykit.adapter.http", "dev.paykit.sandbox");

  private LogSetup() {}

  /**
   * Replaces whatever logging was configured with the run's: a file, and {@code screen} too when it
   * is not null.
   */
  public static void configure(Path logFile, OutputStream screen) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();

    FileAppender<ILoggingEvent> file = new FileAppender<>();
    file.setContext(context);
    file.setName("run-file");
    file.setFile(logFile.toString());
    file.setAppend(true);
    file.setEncoder(encoder(context));
    file.start();

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(file);
    DETAILED.forEach(name -> context.getLogger(name).setLevel(Level.DEBUG));
    if (screen == null) {
      return;
    }
    OutputStreamAppender<ILoggingEvent> full = screen(context, screen, "screen-full", null);
    OutputStreamAppender<ILoggingEvent> fromInfo =
        screen(context, screen, "screen-info", Level.INFO);
    SHOWN_IN_FULL.forEach(name -> context.getLogger(name).addAppender(full));
    SHOWN_FROM_INFO.forEach(name -> context.getLogger(name).addAppender(fromInfo));
  }

  private static OutputStreamAppender<ILoggingEvent> screen(
      LoggerContext context, OutputStream screen, String name, Level threshold) {
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setName(name);
    appender.setEncoder(encoder(context));
    // The command's own stream: closing the appender must not close it.
    appender.setOutputStream(new UnclosableStream(screen));
    if (threshold != null) {
      ThresholdFilter filter = new ThresholdFilter();
      filter.setLevel(threshold.levelStr);
      filter.start();
      appender.addFilter(filter);
    }
    appender.start();
    return appender;
  }

  private static PatternLayoutEncoder encoder(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    return encoder;
  }

  /** Passes writes on, and ignores close. */
  private static final class UnclosableStream extends FilterOutputStream {
    UnclosableStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
