package dev.sliflow.slo;

import java.io.Serializable;
import java.time.Instant;

/**
 * A known incident of a journey (from a postmortem), against which alerting is scored
 * ({@code alert_quality}): the SLI it hurt was out during {@code [start, end)}.
 *
 * @param sli the SLI it concerns: availability (the default in the SLO file) or latency (every latency
 *     threshold of the journey)
 */
public record Incident(String journey, Instant start, Instant end, SliKind sli) implements Serializable {}
