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

	/**
	 * The plugin's own rows, not part of the contract (the daemon never reads them): when the editor last requested a
	 * build (UTC, ISO 8601), and the status the request replaced, which a withdrawal puts back.
	 */
	const REQUESTED_AT   = '_k2tb_requested_at';
	const BEFORE_REQUEST = '_k2tb_status_before_request';

	const REQUESTED        = 'requested';
	const FORCE_REQUESTED  = 'force_requested';
	const QUEUED           = 'queued';
	const RUNNING          = 'running';
	const CANCEL_REQUESTED = 'cancel_requested';
	const COMPLETED        = 'completed';
	const FAILED           = 'failed';
	const CANCELLED        = 'cancelled';

	/**
	 * What the editor may ask for: action name => status it sets ('' for withdraw: the status before the request).
	 */
	const ACTIONS = array(
		'build'    => self::REQUESTED,
		'rebuild'  => self::FORCE_REQUESTED,
		'cancel'   => self::CANCEL_REQUESTED,
		'withdraw' => '',
	);

	/**
	 * Statuses of a request the daemon has not claimed yet; only these can be withdrawn.
	 */
	const REQUESTS = array( self::REQUESTED, self::FORCE_REQUESTED );

	/**
	 * Statuses of a build the daemon has claimed and not finished; a new request waits until it ends.
	 */
	const BUSY = array( self::QUEUED, self::RUNNING, self::CANCEL_REQUESTED );

	/**
	 * A trophy's flags, read past the object cache because the daemon writes them behind WordPress's back.
	 *
	 * @param int $post_id Trophy post id.
	 * @return array{status: string, job: string, progress: array|null, error: string, requested_at: int|null}
	 *               requested_at: Unix time of the editor's last request, null when unknown (made by an older plugin
	 *               or past the plugin).
	 */
	public static function read( $post_id ) {
		wp_cache_delete( $post_id, 'post_meta' );
		$progress  = json_decode( (string) get_post_meta( $post_id, self::PROGRESS, true ), true );
		$requested = strtotime( (string) get_post_meta( $post_id, self::REQUESTED_AT, true ) );
		return array(
			'status'       => (string) get_post_meta( $post_id, self::STATUS, true ),
			'job'          => (string) get_post_meta( $post_id, self::JOB, true ),
			'progress'     => self::is_progress( $progress ) ? $progress : null,
			'error'        => (string) get_post_meta( $post_id, self::ERROR, true ),
			'requested_at' => false !== $requested ? $requested : null,
		);
	}

	/**
	 * Carries out an editor's action.
	 *
	 * @param int    $post_id Trophy post id.
	 * @param string $action  'build', 'rebuild', 'cancel' or 'withdraw'.
	 * @return bool False when the action does not apply now (a build is under way, nothing to cancel, or the daemon
	 *              has claimed the request that was to be withdrawn).
	 */
	public static function apply( $post_id, $action ) {
		switch ( $action ) {
			case 'build':
			case 'rebuild':
				return self::request( $post_id, self::ACTIONS[ $action ] );
			case 'cancel':
				return self::cancel( $post_id );
			case 'withdraw':
				return self::withdraw( $post_id );
			default:
				return false;
		}
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
		// Read before the UPDATE: a finished status is the daemon's no more (it only moves requests and claimed builds),
		// so what is read here is what the request replaces. Another request is not kept: a withdrawal goes back past it.
		wp_cache_delete( $post_id, 'post_meta' );
		$before  = (string) get_post_meta( $post_id, self::STATUS, true );
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
			self::remember_request( $post_id, $before );
			return true;
		}
		$current = get_post_meta( $post_id, self::STATUS, false );
		if ( array() === $current ) {
			// No status yet: add one; 'unique' keeps two concurrent first clicks from adding two rows.
			$added = false !== add_post_meta( $post_id, self::STATUS, $request, true );
			if ( $added ) {
				self::remember_request( $post_id, '' );
			}
			return $added;
		}
		return $request === $current[0];
	}

	/**
	 * Notes when a request was made (for "not picked up yet") and, unless it replaced another request, what it replaced.
	 *
	 * @param int    $post_id Trophy post id.
	 * @param string $before  The status the request replaced.
	 */
	private static function remember_request( $post_id, $before ) {
		update_post_meta( $post_id, self::REQUESTED_AT, gmdate( 'Y-m-d\TH:i:s\Z' ) );
		if ( ! self::is_request( $before ) ) {
			update_post_meta( $post_id, self::BEFORE_REQUEST, $before );
		}
	}

	/**
	 * Takes back a request the daemon has not claimed: one UPDATE that names the request statuses, so a claim that
	 * came first wins and nothing is withdrawn from under a build. The status goes back to what the request replaced
	 * (the last build's end, whose job, progress and errors are still there: only a claim clears them), or to
	 * "never built" when that is unknown.
	 *
	 * @param int $post_id Trophy post id.
	 * @return bool False when there was no unclaimed request.
	 */
	private static function withdraw( $post_id ) {
		global $wpdb;
		wp_cache_delete( $post_id, 'post_meta' );
		$before  = (string) get_post_meta( $post_id, self::BEFORE_REQUEST, true );
		$changed = $wpdb->query(
			$wpdb->prepare(
				"UPDATE {$wpdb->postmeta} SET meta_value = %s
				 WHERE post_id = %d AND meta_key = %s AND meta_value IN ( %s, %s )",
				self::is_request( $before ) ? '' : $before,
				$post_id,
				self::STATUS,
				self::REQUESTED,
				self::FORCE_REQUESTED
			)
		);
		wp_cache_delete( $post_id, 'post_meta' );
		return $changed > 0;
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
	 * Whether a status is a request the daemon has not claimed yet.
	 *
	 * @param string $status A _k2_build_status value.
	 * @return bool
	 */
	public static function is_request( $status ) {
		return in_array( $status, self::REQUESTS, true );
	}

	/**
	 * Whether a status is a build's end.
	 *
	 * @param string $status A _k2_build_status value.
	 * @return bool
	 */
	public static function is_finished( $status ) {
		return in_array( $status, array( self::COMPLETED, self::FAILED, self::CANCELLED ), true );
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
