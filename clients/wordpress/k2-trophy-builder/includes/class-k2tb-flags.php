<?php
/**
 * The build flags shared with the daemon (contracts.md section 4).
 *
 * @package K2_Trophy_Builder
 */

defined( 'ABSPATH' ) || exit;

/**
 * Reads and writes a trophy's postmeta flags. The daemon changes them directly in the database, so the editor's
 * changes are single conditional UPDATEs too: a click never overwrites a status the daemon has just moved on.
 */
final class K2TB_Flags {

	const SPEC     = '_k2_trophy_spec';
	const STATUS   = '_k2_build_status';
	const JOB      = '_k2_build_job';
	const PROGRESS = '_k2_build_progress';
	const ERROR    = '_k2_build_error';

	const REQUESTED        = 'requested';
	const FORCE_REQUESTED  = 'force_requested';
	const QUEUED           = 'queued';
	const RUNNING          = 'running';
	const CANCEL_REQUESTED = 'cancel_requested';
	const COMPLETED        = 'completed';
	const FAILED           = 'failed';
	const CANCELLED        = 'cancelled';

	/**
	 * What the editor may ask for: action name => status it sets.
	 */
	const ACTIONS = array(
		'build'   => self::REQUESTED,
		'rebuild' => self::FORCE_REQUESTED,
		'cancel'  => self::CANCEL_REQUESTED,
	);

	/**
	 * Statuses of a build the daemon has claimed and not finished; a new request waits until it ends.
	 */
	const BUSY = array( self::QUEUED, self::RUNNING, self::CANCEL_REQUESTED );

	/**
	 * A trophy's flags, read past the object cache because the daemon writes them behind WordPress's back.
	 *
	 * @param int $post_id Trophy post id.
	 * @return array{status: string, job: string, progress: array|null, error: string}
	 */
	public static function read( $post_id ) {
		wp_cache_delete( $post_id, 'post_meta' );
		$progress = json_decode( (string) get_post_meta( $post_id, self::PROGRESS, true ), true );
		return array(
			'status'   => (string) get_post_meta( $post_id, self::STATUS, true ),
			'job'      => (string) get_post_meta( $post_id, self::JOB, true ),
			'progress' => self::is_progress( $progress ) ? $progress : null,
			'error'    => (string) get_post_meta( $post_id, self::ERROR, true ),
		);
	}

	/**
	 * Carries out an editor's action.
	 *
	 * @param int    $post_id Trophy post id.
	 * @param string $action  'build', 'rebuild' or 'cancel'.
	 * @return bool False when the action does not apply now (a build is under way, or nothing to cancel).
	 */
	public static function apply( $post_id, $action ) {
		if ( ! isset( self::ACTIONS[ $action ] ) ) {
			return false;
		}
		return 'cancel' === $action ? self::cancel( $post_id ) : self::request( $post_id, self::ACTIONS[ $action ] );
	}

	/**
	 * Sets a build request unless a build is under way.
	 *
	 * @param int    $post_id Trophy post id.
	 * @param string $request self::REQUESTED or self::FORCE_REQUESTED.
	 * @return bool
	 */
	private static function request( $post_id, $request ) {
		global $wpdb;
		$changed = $wpdb->query(
			$wpdb->prepare(
				"UPDATE {$wpdb->postmeta} SET meta_value = %s
				 WHERE post_id = %d AND meta_key = %s AND meta_value NOT IN ( %s, %s, %s )",
				$request,
				$post_id,
				self::STATUS,
				self::QUEUED,
				self::RUNNING,
				self::CANCEL_REQUESTED
			)
		);
		wp_cache_delete( $post_id, 'post_meta' );
		if ( $changed > 0 ) {
			return true;
		}
		$current = get_post_meta( $post_id, self::STATUS, false );
		if ( array() === $current ) {
			// No status yet: add one; 'unique' keeps two concurrent first clicks from adding two rows.
			return false !== add_post_meta( $post_id, self::STATUS, $request, true );
		}
		return $request === $current[0];
	}

	/**
	 * Asks the daemon to cancel a queued or running build.
	 *
	 * @param int $post_id Trophy post id.
	 * @return bool
	 */
	private static function cancel( $post_id ) {
		global $wpdb;
		$changed = $wpdb->query(
			$wpdb->prepare(
				"UPDATE {$wpdb->postmeta} SET meta_value = %s
				 WHERE post_id = %d AND meta_key = %s AND meta_value IN ( %s, %s )",
				self::CANCEL_REQUESTED,
				$post_id,
				self::STATUS,
				self::QUEUED,
				self::RUNNING
			)
		);
		wp_cache_delete( $post_id, 'post_meta' );
		return $changed > 0;
	}

	/**
	 * Whether a status belongs to a build under way.
	 *
	 * @param string $status A _k2_build_status value.
	 * @return bool
	 */
	public static function is_busy( $status ) {
		return in_array( $status, self::BUSY, true );
	}

	/**
	 * Whether a decoded _k2_build_progress has the counts it must have.
	 *
	 * @param mixed $progress Decoded JSON.
	 * @return bool
	 */
	private static function is_progress( $progress ) {
		if ( ! is_array( $progress ) ) {
			return false;
		}
		foreach ( array( 'total', 'done', 'skipped', 'failed' ) as $count ) {
			if ( ! isset( $progress[ $count ] ) || ! is_int( $progress[ $count ] ) ) {
				return false;
			}
		}
		return true;
	}
}
