<?php
/**
 * The daemon's recent rendering rate, for the trophy editor's estimated build time.
 *
 * @package K2_Trophy_Builder
 */

defined( 'ABSPATH' ) || exit;

/**
 * Reads the rate from the status bridge's STATUS jobs (contracts.md section 3): a running build's recent rate
 * (`rate_per_s`), else the latest finished build's images rendered per second of its run (`done / elapsed_s`).
 * The editor divides the combination count by it: an estimate for building every image, as a first build does.
 */
final class K2TB_Build_Rate {

	/**
	 * What the editor's script gets: the rate and the build it comes from, or why there is none.
	 *
	 * @param array $bridge K2TB_Bridge::status().
	 * @return array{perS: float|null, job: string, trophy: string, why: string}
	 */
	public static function for_editor( $bridge ) {
		$none = array(
			'perS'   => null,
			'job'    => '',
			'trophy' => '',
			'why'    => '',
		);
		if ( ! $bridge['reachable'] ) {
			/* translators: %s: why the status bridge gave no answer */
			$none['why'] = sprintf( __( 'the status bridge does not answer (%s)', 'k2-trophy-builder' ), $bridge['problem'] );
			return $none;
		}
		$rate = self::from_jobs( $bridge['jobs'] );
		if ( null === $rate ) {
			$none['why'] = __( 'the daemon has no build in the last 24 hours to measure its rate by', 'k2-trophy-builder' );
			return $none;
		}
		return array_merge( $none, $rate );
	}

	/**
	 * The rate of the freshest build that rendered images: a running one first, else the one that finished last.
	 *
	 * @param array $jobs STATUS jobs (arrays as the bridge sends them).
	 * @return array{perS: float, job: string, trophy: string}|null Images per second, rounded to 0.01.
	 */
	public static function from_jobs( $jobs ) {
		$best     = null;
		$best_key = '';
		foreach ( $jobs as $job ) {
			if ( ! is_array( $job ) ) {
				continue;
			}
			$status = (string) ( $job['status'] ?? '' );
			$rate   = null;
			if ( 'running' === $status && self::positive( $job['rate_per_s'] ?? null ) ) {
				$rate = (float) $job['rate_per_s'];
				$key  = '2 ' . (string) ( $job['started_at'] ?? '' );
			} elseif ( in_array( $status, array( 'completed', 'failed', 'cancelled' ), true ) && self::positive( $job['done'] ?? null ) && self::positive( $job['elapsed_s'] ?? null ) ) {
				$rate = (float) $job['done'] / (float) $job['elapsed_s'];
				$key  = '1 ' . (string) ( $job['finished_at'] ?? '' );
			}
			// ISO 8601 UTC times sort as text; a running build ranks above every finished one.
			if ( null !== $rate && ( null === $best || strcmp( $key, $best_key ) > 0 ) ) {
				$best     = array(
					'perS'   => round( $rate, 2 ),
					'job'    => (string) ( $job['id'] ?? '' ),
					'trophy' => (string) ( $job['trophy'] ?? '' ),
				);
				$best_key = $key;
			}
		}
		return null !== $best && $best['perS'] > 0 ? $best : null;
	}

	/**
	 * Whether a JSON value is a number above zero.
	 *
	 * @param mixed $value From the bridge's JSON.
	 * @return bool
	 */
	private static function positive( $value ) {
		return ( is_int( $value ) || is_float( $value ) ) && $value > 0;
	}
}
