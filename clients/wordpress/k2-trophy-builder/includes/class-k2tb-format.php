<?php
/**
 * Plain-text formatting of build figures.
 *
 * @package K2_Trophy_Builder
 */

defined( 'ABSPATH' ) || exit;

/**
 * Turns build figures into text. Every result is plain text: callers escape it where they print it.
 */
final class K2TB_Format {

	/**
	 * "1h 02m 03s", "2m 05s", "45s"; an em dash when unknown.
	 *
	 * @param int|float|null $seconds Seconds.
	 * @return string
	 */
	public static function duration( $seconds ) {
		if ( ! is_int( $seconds ) && ! is_float( $seconds ) ) {
			return "\u{2014}";
		}
		$total   = (int) round( max( 0, $seconds ) );
		$hours   = intdiv( $total, 3600 );
		$minutes = intdiv( $total % 3600, 60 );
		$rest    = $total % 60;
		if ( $hours > 0 ) {
			return sprintf( '%dh %02dm %02ds', $hours, $minutes, $rest );
		}
		return $minutes > 0 ? sprintf( '%dm %02ds', $minutes, $rest ) : sprintf( '%ds', $rest );
	}

	/**
	 * "14.9 images/s"; an em dash when unknown.
	 *
	 * @param int|float|null $per_second Rate.
	 * @return string
	 */
	public static function rate( $per_second ) {
		if ( ! is_int( $per_second ) && ! is_float( $per_second ) ) {
			return "\u{2014}";
		}
		/* translators: %s: number of images rendered per second */
		return sprintf( __( '%s images/s', 'k2-trophy-builder' ), number_format_i18n( $per_second, 1 ) );
	}

	/**
	 * Share of a build that is settled (rendered, skipped or failed), 0..100.
	 *
	 * @param array $counts total, done, skipped, failed.
	 * @return float
	 */
	public static function percent( array $counts ) {
		$total = (int) $counts['total'];
		if ( $total <= 0 ) {
			return 0.0;
		}
		$settled = (int) $counts['done'] + (int) $counts['skipped'] + (int) $counts['failed'];
		return min( 100.0, 100.0 * $settled / $total );
	}

	/**
	 * Images not settled yet.
	 *
	 * @param array $counts total, done, skipped, failed.
	 * @return int
	 */
	public static function left( array $counts ) {
		return max( 0, (int) $counts['total'] - (int) $counts['done'] - (int) $counts['skipped'] - (int) $counts['failed'] );
	}

	/**
	 * The ETA of a build under way; an em dash for any other (a finished job's ETA of 0 is no estimate).
	 *
	 * @param string     $status _k2_build_status.
	 * @param array|null $counts The figures shown (live from the bridge, or saved).
	 * @param array|null $live   The bridge's job, when it lists it.
	 * @return string
	 */
	public static function eta( $status, $counts, $live ) {
		$under_way = K2TB_Flags::is_busy( $status ) && ( null === $live || self::job_under_way( $live ) );
		return self::duration( $under_way ? ( $counts['eta_s'] ?? null ) : null );
	}

	/**
	 * Whether a job the bridge lists has not finished (contracts.md section 3's job statuses).
	 *
	 * @param array $job A bridge job.
	 * @return bool
	 */
	public static function job_under_way( array $job ) {
		return in_array( $job['status'] ?? '', array( 'queued', 'running', 'paused' ), true );
	}

	/**
	 * The status as the headline of a build: a completed build with failed images says how many, since "Completed"
	 * alone reads as if every image was built.
	 *
	 * @param string     $status A _k2_build_status value.
	 * @param array|null $counts The build's figures, when known.
	 * @return string
	 */
	public static function headline( $status, $counts ) {
		$failed = null !== $counts ? (int) $counts['failed'] : 0;
		if ( K2TB_Flags::COMPLETED === $status && $failed > 0 ) {
			/* translators: %s: number of images that could not be built */
			return sprintf( _n( 'Finished with %s failure', 'Finished with %s failures', $failed, 'k2-trophy-builder' ), number_format_i18n( $failed ) );
		}
		return self::status( $status );
	}

	/**
	 * A status flag as editors read it.
	 *
	 * @param string $status A _k2_build_status value.
	 * @return string
	 */
	public static function status( $status ) {
		$labels = array(
			''                           => __( 'Never built', 'k2-trophy-builder' ),
			K2TB_Flags::REQUESTED        => __( 'Requested', 'k2-trophy-builder' ),
			K2TB_Flags::FORCE_REQUESTED  => __( 'Rebuild requested', 'k2-trophy-builder' ),
			K2TB_Flags::QUEUED           => __( 'Queued', 'k2-trophy-builder' ),
			K2TB_Flags::RUNNING          => __( 'Running', 'k2-trophy-builder' ),
			K2TB_Flags::CANCEL_REQUESTED => __( 'Cancelling', 'k2-trophy-builder' ),
			K2TB_Flags::COMPLETED        => __( 'Completed', 'k2-trophy-builder' ),
			K2TB_Flags::FAILED           => __( 'Failed', 'k2-trophy-builder' ),
			K2TB_Flags::CANCELLED        => __( 'Cancelled', 'k2-trophy-builder' ),
		);
		return $labels[ $status ] ?? $status;
	}
}
