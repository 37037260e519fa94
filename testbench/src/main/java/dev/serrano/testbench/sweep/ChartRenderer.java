package dev.serrano.testbench.sweep;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import javax.imageio.ImageIO;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws a {@link ReportCharts.Chart} as SVG (JFreeSVG) and PNG (Java2D and ImageIO), byte for byte the
 * same for the same chart: the SVG's ids are prefixed with the chart's name instead of JFreeSVG's
 * default of a timestamp, and ImageIO's PNG writer adds no time chunk.
 */
final class ChartRenderer {
  private ChartRenderer() {}

  /** The chart as an {@code <svg>} element with id {@code chart.name()}, for a page or a file. */
  static String svgElement(ReportCharts.Chart chart) {
    return draw(chart).getSVGElement(chart.name());
  }

  /** The chart as a standalone SVG document. */
  static String svgDocument(ReportCharts.Chart chart) {
    return draw(chart).getSVGDocument();
  }

  static byte[] png(ReportCharts.Chart chart) {
    BufferedImage image = new BufferedImage(chart.width(), chart.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g2 = image.createGraphics();
    try {
      g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      chart.chart().draw(g2, new Rectangle2D.Double(0, 0, chart.width(), chart.height()));
    } finally {
      g2.dispose();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", bytes)) {
        throw new IllegalStateException("this Java has no PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode chart " + chart.name() + " as PNG", e);
    }
    return bytes.toByteArray();
  }

  private static String hundredths(double value) {
    return new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }

  private static SVGGraphics2D draw(ReportCharts.Chart chart) {
    SVGGraphics2D g2 = new SVGGraphics2D(chart.width(), chart.height());
    // Ids of clip paths and gradients: unique per chart within one page, and the same on every run.
    g2.setDefsKeyPrefix(chart.name() + "-");
    // Coordinates to a hundredth of a pixel rather than every digit of a float: a quarter smaller, same picture.
    g2.setGeomDoubleConverter(ChartRenderer::hundredths);
    chart.chart().draw(g2, new Rectangle2D.Double(0, 0, chart.width(), chart.height()));
    return g2;
  }
}
