package mode.inspector.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadDumpGroupsTest {
  static final String DUMP = """
      4242
      2026-12-04T19:20:01.123Z
      25+36-LTS

      #1 "main"
            java.base/java.lang.Object.wait0(Native Method)

      #31 "Web.api.serve" virtual
            java.base/java.lang.VirtualThread.park(VirtualThread.java:582)
            demo.WebApi.serve(WebApi.java:12)

      #32 "Web.flush" virtual
            demo.Web.flush(Web.java:40)

      #40 "ServiceThread-Cache"
            demo.Cache.onStart(Cache.java:9)

      #41 "Webhooks"
            demo.Hooks.run(Hooks.java:3)
      """;

  @Test
  void threadsGoToTheLongestLabelTheirNameBelongsToAndTheRestToNoService() {
    List<ThreadDumpGroups.Group> groups = ThreadDumpGroups.of(DUMP, List.of("Web", "Web.api", "Cache", "Idle"));

    assertThat(groups).extracting(ThreadDumpGroups.Group::service).containsExactly("Cache", "Web", "Web.api", null);
    assertThat(groups.get(1).text()).isEqualTo("#32 \"Web.flush\" virtual\n      demo.Web.flush(Web.java:40)\n");
    assertThat(groups.get(2).threads()).singleElement().asString().startsWith("#31 \"Web.api.serve\" virtual\n");
    assertThat(groups.get(0).threads()).singleElement().asString().startsWith("#40 \"ServiceThread-Cache\"\n");
    assertThat(groups.get(3).text()).isEqualTo("""
        #1 "main"
              java.base/java.lang.Object.wait0(Native Method)

        #41 "Webhooks"
              demo.Hooks.run(Hooks.java:3)
        """);
  }
}
