<?php
/**
 * Live status from the K2Orleans status bridge.
 *
 * @package K2_Trophy_Builder
 */

defined( 'ABSPATH' ) || exit;

/**
 * Asks the status bridge (contracts.md section 3) through the project's PHP client, K2Status.php. The build script
 * copies it into lib/; a plugin symlinked from a repository checkout finds it in clients/php/ instead.
 */
final class K2TB_Bridge {

	/**
	 * Where K2Status.php may be, first match wins.
	 *
	 * @return string[]
	 */
	private static function client_paths() {
		return array( K2TB_DIR . 'lib/K2Status.php', dirname( K2TB_DIR, 2 ) . '/php/K2Status.php' );
	}

	/**
	 * This request's answer: a page asks once, so the edit screen's notice and meta box agree and wait at most once.
	 *
	 * @var array|null
	 */
	private static $answer = null;

	/**
	 * The bridge's STATUS answer, or why there is none. Never throws and never waits longer than the timeout.
	 *
	 * @return array{reachable: bool, running: bool, jobs: array, silos: array, wordpress: array|null, problem: string}
	 *               jobs keyed by job id; wordpress as K2Status::wordpress() (null: the daemon does not say);
	 *               problem is '' when the bridge answered.
	 */
	public static function status() {
		if ( null === self::$answer ) {
			self::$answer = self::ask();
		}
		return self::$answer;
	}

	/**
	 * Asks the bridge.
	 *
	 * @return array See status().
	 */
	private static function ask() {
		$answer = array(
			'reachable' => false,
			'running'   => false,
			'jobs'      => array(),
			'silos'     => array(),
			'wordpress' => null,
			'problem'   => '',
		);
		if ( ! self::load_client() ) {
			$answer['problem'] = __( 'K2Status.php is missing from the plugin (run clients/wordpress/build.sh).', 'k2-trophy-builder' );
			return $answer;
		}

		$settings = K2TB_Settings::get();
		try {
			$client = '' !== $settings['bridge_socket']
				? new K2Status( $settings['bridge_socket'], 0, (float) $settings['bridge_timeout'] )
				: new K2Status( $settings['bridge_host'], (int) $settings['bridge_port'], (float) $settings['bridge_timeout'] );
			$status = $client->status();
		} catch ( K2StatusException | InvalidArgumentException $e ) {
			$answer['problem'] = $e->getMessage();
			return $answer;
		}

		if ( true !== $status['ok'] ) {
			$answer['problem'] = isset( $status['message'] ) ? (string) $status['message'] : __( 'The bridge refused the request.', 'k2-trophy-builder' );
			return $answer;
		}

		$answer['reachable'] = true;
		$answer['running']   = true === ( $status['running'] ?? false );
		$answer['silos']     = is_array( $status['silos'] ?? null ) ? $status['silos'] : array();
		$answer['wordpress'] = K2Status::wordpress( $status );
		foreach ( is_array( $status['jobs'] ?? null ) ? $status['jobs'] : array() as $job ) {
			if ( is_array( $job ) && isset( $job['id'] ) && is_string( $job['id'] ) ) {
				$answer['jobs'][ $job['id'] ] = $job;
			}
		}
		return $answer;
	}

	/**
	 * Loads K2Status once.
	 *
	 * @return bool Whether the class is available.
	 */
	private static function load_client() {
		if ( class_exists( 'K2Status', false ) ) {
			return true;
		}
		foreach ( self::client_paths() as $path ) {
			if ( is_readable( $path ) ) {
				require_once $path;
				return class_exists( 'K2Status', false );
			}
		}
		return false;
	}
}
