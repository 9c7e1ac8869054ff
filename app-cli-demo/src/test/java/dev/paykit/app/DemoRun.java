package dev.paykit.app;

import dev.paykit.app.tour.FlowCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/** One run of the command line in this JVM, with what it printed. */
record DemoRun(int exitCode, String out, String err) {

  static DemoRun of(Map<String, String> env, String... args) {
    return of(env, FlowCatalog.standard(), args);
  }

  static DemoRun of(Map<String, String> env, FlowCatalog flows, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = PaykitDemo.execute(args, env, o, e, flows);
    }
    return new DemoRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The result the summary table gives {@code flow}: PASSED, FAILED or SKIPPED, or null. */
  String summaryResult(String flow) {
    int summary = out.lastIndexOf("\nSummary\n");
    if (summary < 0) {
      return null;
    }
    var matcher =
        Pattern.compile(
                "^\\s+\\d*\\s+" + Pattern.quote(flow) + "\\s+(PASSED|FAILED|SKIPPED)\\b",
                Pattern.MULTILINE)
            .matcher(out.substring(summary));
    return matcher.find() ? matcher.group(1) : null;
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
  }
}
