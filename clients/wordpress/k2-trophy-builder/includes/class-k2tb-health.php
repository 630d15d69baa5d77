<?php
/**
 * What the pages say about the renderer's health.
 *
 * @package K2_Trophy_Builder
 */

defined( 'ABSPATH' ) || exit;

/**
 * Turns the bridge's answer (K2TB_Bridge::status) into one plain sentence about whether build requests are picked
 * up, so the K2 Builds page, the edit screen and the notices agree. A page may promise "within seconds" only when the
 * daemon says it polls WordPress without error; a daemon older than the STATUS "wordpress" field (contracts.md
 * section 3) says nothing about its poller, and the pages then promise nothing. Every result is plain text.
 */
final class K2TB_Health {

	const UNREACHABLE = 'unreachable';
	const STOPPED     = 'stopped';
	const DB_ERROR    = 'db-error';
	const NOT_POLLING = 'not-polling';
	const HEALTHY     = 'running';
	const UNKNOWN     = 'unknown';

	/**
	 * How long a request waits before the pages say it was not picked up: six of the daemon's default 5-second polls
	 * (WordPress:PollInterval), so a poll lost to a restart does not raise it.
	 */
	const STALE_SECONDS = 30;

	/**
	 * The daemon's state, worst first: a cluster that is down makes its poller's last error stale news.
	 *
	 * @param array $bridge K2TB_Bridge::status().
	 * @return string One of the constants.
	 */
	public static function state( array $bridge ) {
		if ( ! $bridge['reachable'] ) {
			return self::UNREACHABLE;
		}
		if ( ! $bridge['running'] ) {
			return self::STOPPED;
		}
		$wordpress = $bridge['wordpress'];
		if ( null === $wordpress ) {
			return self::UNKNOWN;
		}
		if ( null !== $wordpress['last_error'] ) {
			return self::DB_ERROR;
		}
		return $wordpress['enabled'] ? self::HEALTHY : self::NOT_POLLING;
	}

	/**
	 * The banner's sentence.
	 *
	 * @param array $bridge K2TB_Bridge::status().
	 * @return string
	 */
	public static function message( array $bridge ) {
		switch ( self::state( $bridge ) ) {
			case self::UNREACHABLE:
				return sprintf(
					/* translators: %s: why the bridge did not answer */
					__( 'The status bridge is not answering (%s). Whether the renderer runs cannot be seen from here; the figures below are what the daemon last saved.', 'k2-trophy-builder' ),
					$bridge['problem']
				);
			case self::STOPPED:
				return __( 'The renderer is not running: the status bridge answers, but no server is active. Build requests wait until it runs.', 'k2-trophy-builder' );
			case self::DB_ERROR:
				return self::sentence(
					/* translators: %s: the error of the daemon's last poll of the WordPress database */
					sprintf( __( 'The renderer cannot reach WordPress\'s database: %s', 'k2-trophy-builder' ), $bridge['wordpress']['last_error'] )
				) . ' ' . __( 'Build requests wait until it can; check WordPress:ConnectionString in the daemon\'s configuration and its log.', 'k2-trophy-builder' );
			case self::NOT_POLLING:
				return __( 'The renderer is running but does not poll WordPress (WordPress:Enabled is false in its configuration), so build requests are not picked up.', 'k2-trophy-builder' );
			case self::HEALTHY:
				$last = $bridge['wordpress']['last_poll_at'];
				return self::running( $bridge ) . ' ' . ( null !== $last
					/* translators: %s: when the daemon last polled WordPress (UTC) */
					? sprintf( __( 'It last looked for build requests at %s.', 'k2-trophy-builder' ), $last )
					: __( 'It has not looked for build requests yet.', 'k2-trophy-builder' ) );
			default:
				return self::running( $bridge ) . ' ' . __( 'This daemon does not report whether it polls WordPress.', 'k2-trophy-builder' );
		}
	}

	/**
	 * The notice after a build was requested: the promise of a quick pick-up only when the daemon polls without error.
	 *
	 * @param array $bridge  K2TB_Bridge::status().
	 * @param bool  $rebuild Whether every image was asked for (Rebuild all).
	 * @return string
	 */
	public static function requested_notice( array $bridge, $rebuild ) {
		if ( self::HEALTHY === self::state( $bridge ) ) {
			return $rebuild
				? __( 'Rebuild of all images requested; the daemon picks it up within seconds.', 'k2-trophy-builder' )
				: __( 'Build requested; the daemon picks it up within seconds.', 'k2-trophy-builder' );
		}
		return ( $rebuild ? __( 'Rebuild of all images requested.', 'k2-trophy-builder' ) : __( 'Build requested.', 'k2-trophy-builder' ) )
			. ' ' . self::message( $bridge );
	}

	/**
	 * Says so when a request has waited longer than STALE_SECONDS; '' otherwise (or when its time is unknown).
	 *
	 * @param array $bridge K2TB_Bridge::status().
	 * @param array $flags  K2TB_Flags::read().
	 * @param int   $now    Unix time.
	 * @return string
	 */
	public static function stale_request( array $bridge, array $flags, $now ) {
		if ( ! K2TB_Flags::is_request( $flags['status'] ) || null === $flags['requested_at'] ) {
			return '';
		}
		$age = $now - $flags['requested_at'];
		if ( $age <= self::STALE_SECONDS ) {
			return '';
		}
		/* translators: %s: how long ago the build was requested */
		$waiting = sprintf( __( 'Requested %s ago and not picked up yet.', 'k2-trophy-builder' ), K2TB_Format::duration( $age ) );
		if ( self::HEALTHY !== self::state( $bridge ) ) {
			return $waiting; // The banner says why.
		}
		$last = $bridge['wordpress']['last_poll_at'];
		$polled = null !== $last ? strtotime( $last ) : false;
		if ( false === $polled || $polled <= $flags['requested_at'] ) {
			return $waiting . ' ' . sprintf(
				/* translators: %s: when the daemon last polled WordPress (UTC) */
				__( 'The renderer has not polled WordPress since (last poll: %s).', 'k2-trophy-builder' ),
				null !== $last ? $last : __( 'never', 'k2-trophy-builder' )
			);
		}
		// The poller read the database after the request without error and still did not claim it.
		return $waiting . ' ' . sprintf(
			/* translators: %s: when the daemon last polled WordPress (UTC) */
			__( 'The renderer has polled WordPress without error since (last at %s): it may be polling another database, table prefix or post type, or be too busy to start the build. Its log says which.', 'k2-trophy-builder' ),
			$last
		);
	}

	/**
	 * "Renderer running on 2 servers, 3 of 4 render slots busy."
	 *
	 * @param array $bridge K2TB_Bridge::status().
	 * @return string
	 */
	private static function running( array $bridge ) {
		$busy  = 0;
		$limit = 0;
		foreach ( $bridge['silos'] as $silo ) {
			$busy  += (int) ( $silo['renders_active'] ?? 0 );
			$limit += (int) ( $silo['render_limit'] ?? 0 );
		}
		return sprintf(
			/* translators: 1: number of servers, 2: renders running, 3: render slots */
			_n( 'Renderer running on %1$d server, %2$d of %3$d render slots busy.', 'Renderer running on %1$d servers, %2$d of %3$d render slots busy.', count( $bridge['silos'] ), 'k2-trophy-builder' ),
			count( $bridge['silos'] ),
			$busy,
			$limit
		);
	}

	/**
	 * Ends a sentence that came from elsewhere (an error message) with a full stop unless it has one.
	 *
	 * @param string $text Text.
	 * @return string
	 */
	private static function sentence( $text ) {
		$text = rtrim( $text );
		return preg_match( '/[.!?]$/', $text ) ? $text : $text . '.';
	}
}
