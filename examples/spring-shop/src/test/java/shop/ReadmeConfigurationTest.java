package shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Spring Boot" section shows the configuration this shop runs with: its YAML block is
 * the first document of {@code application.yml}, verbatim, and at most a dozen lines.
 */
class ReadmeConfigurationTest {
  private static final Pattern SECTION =
      Pattern.compile("(?s)\\n## Spring Boot\\n.*?```yaml\\n(.*?)```");

  @Test
  void the_readme_block_is_the_first_document_of_application_yml() throws IOException {
    String readme = Files.readString(Path.of(System.getProperty("readme", "../../README.md")));
    Matcher section = SECTION.matcher(readme);
    assertThat(section.find()).as("README.md has a Spring Boot section with a yaml block").isTrue();
    String block = section.group(1);

    String applicationYml = Files.readString(Path.of("src/main/resources/application.yml"));
    String firstDocument = applicationYml.split("(?m)^---$", 2)[0];

    assertThat(firstDocument).isEqualTo(block);
    assertThat(block.lines().count()).isLessThanOrEqualTo(12);
  }
}
