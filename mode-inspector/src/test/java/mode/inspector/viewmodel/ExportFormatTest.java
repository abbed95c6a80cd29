package mode.inspector.viewmodel;

import static mode.inspector.model.Streams.appSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import mode.graph.GraphExport;
import org.junit.jupiter.api.Test;

class ExportFormatTest {
  private static final Executor DIRECT = Runnable::run;

  @Test
  void theChosenFilterDecidesUnlessTheNameEndsInAnotherFormatsExtension() {
    assertThat(ExportFormat.forFile(Path.of("g.dot"), ExportFormat.DOT_ANNOTATED)).isEqualTo(ExportFormat.DOT_ANNOTATED);
    assertThat(ExportFormat.forFile(Path.of("g.dot"), ExportFormat.DOT)).isEqualTo(ExportFormat.DOT);
    assertThat(ExportFormat.forFile(Path.of("g.GraphML"), ExportFormat.DOT)).isEqualTo(ExportFormat.GRAPHML);
    assertThat(ExportFormat.forFile(Path.of("g.png"), ExportFormat.JSON)).isEqualTo(ExportFormat.PNG);
    assertThat(ExportFormat.forFile(Path.of("g.dot"), ExportFormat.GML)).isEqualTo(ExportFormat.DOT);
    assertThat(ExportFormat.forFile(Path.of("graph"), ExportFormat.GML)).isEqualTo(ExportFormat.GML);
  }

  @Test
  void everyTextFormatIsOneOfGraphExports() {
    assertThat(List.of(ExportFormat.values())).extracting(ExportFormat::textFormat)
        .containsExactly(GraphExport.Format.DOT, GraphExport.Format.DOT_ANNOTATED, GraphExport.Format.GRAPHML,
            GraphExport.Format.GML, GraphExport.Format.JSON, null);
  }

  @Test
  void theCaptionNamesTheWorkerAndTheMomentShown() {
    InspectorViewModel vm = new InspectorViewModel(DIRECT, DIRECT, () -> Instant.parse("2026-12-04T19:58:03.250Z"), () -> 0L);
    vm.connection(mode.inspector.connection.ConnectionStatus.CONNECTED, "shop", "");
    vm.accept(List.of(appSnapshot()));
    assertThat(vm.exportCaption()).isEqualTo("shop · 2026-12-04 19:58:03 UTC");
    assertThat(vm.export(GraphExport.Format.GRAPHML)).contains("<data key=\"key0\">Sessions</data>");
  }
}
