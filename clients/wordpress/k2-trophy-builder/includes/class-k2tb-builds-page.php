<?php
/**
 * The K2 Builds admin page.
 *
 * @package K2_Trophy_Builder
 */

defined( 'ABSPATH' ) || exit;

/**
 * Every trophy's build with live figures from the status bridge (running, elapsed, ETA, left, rate, progress) and,
 * when the bridge is down or no longer lists the job, the progress the daemon last saved in postmeta.
 */
final class K2TB_Builds_Page {

	const SLUG = 'k2tb-builds';

	/**
	 * Trophies listed; a site with more has bigger problems than this page.
	 */
	const MAX_TROPHIES = 200;

	/**
	 * Other jobs listed, newest first: the bridge keeps a day of jobs, and this list is for noticing strays.
	 */
	const MAX_OTHER_JOBS = 20;

	/**
	 * Hooks the page and its assets.
	 */
	public static function hook() {
		add_action( 'admin_menu', array( __CLASS__, 'add_page' ) );
		add_action( 'admin_enqueue_scripts', array( __CLASS__, 'enqueue' ) );
	}

	/**
	 * The page's URL.
	 *
	 * @return string
	 */
	public static function url() {
		return admin_url( 'edit.php?post_type=' . K2TB_Post_Type::NAME . '&page=' . self::SLUG );
	}

	/**
	 * Adds Trophies > K2 Builds.
	 */
	public static function add_page() {
		add_submenu_page(
			'edit.php?post_type=' . K2TB_Post_Type::NAME,
			__( 'K2 Builds', 'k2-trophy-builder' ),
			__( 'K2 Builds', 'k2-trophy-builder' ),
			'edit_k2_trophies',
			self::SLUG,
			array( __CLASS__, 'render' )
		);
	}

	/**
	 * Styles for the page and the meta box; the page also reloads itself while a build is under way.
	 *
	 * @param string $hook_suffix The admin screen.
	 */
	public static function enqueue( $hook_suffix ) {
		$screen = get_current_screen();
		if ( null === $screen || K2TB_Post_Type::NAME !== $screen->post_type ) {
			return;
		}
		wp_enqueue_style( 'k2tb-admin', plugins_url( 'assets/admin.css', K2TB_FILE ), array(), K2TB_VERSION );
		if ( false !== strpos( $hook_suffix, self::SLUG ) ) {
			wp_enqueue_script( 'k2tb-builds', plugins_url( 'assets/builds.js', K2TB_FILE ), array(), K2TB_VERSION, true );
		}
	}

	/**
	 * Prints the page.
	 */
	public static function render() {
		if ( ! current_user_can( 'edit_k2_trophies' ) ) {
			return;
		}
		$bridge   = K2TB_Bridge::status();
		$trophies = get_posts(
			array(
				'post_type'      => K2TB_Post_Type::NAME,
				'post_status'    => array( 'publish', 'draft', 'pending', 'private', 'future' ),
				'posts_per_page' => self::MAX_TROPHIES,
				'orderby'        => 'title',
				'order'          => 'ASC',
			)
		);

		echo '<div class="wrap k2tb-builds"><h1>' . esc_html__( 'K2 Builds', 'k2-trophy-builder' ) . '</h1>';
		K2TB_Actions::render_outcome( $bridge );
		self::render_daemon( $bridge );

		echo '<table class="widefat striped k2tb-trophies"><thead><tr>';
		foreach ( self::columns() as $column ) {
			echo '<th scope="col">' . esc_html( $column ) . '</th>';
		}
		echo '</tr></thead><tbody>';
		$rows = 0;
		foreach ( $trophies as $trophy ) {
			$flags = K2TB_Flags::read( $trophy->ID );
			// A private trophy is for those who may edit it: its title, job and errors are not shown to the others.
			if ( 'private' === $trophy->post_status && ! current_user_can( 'edit_post', $trophy->ID ) ) {
				continue;
			}
			self::render_trophy( $trophy, $flags, $bridge );
			++$rows;
		}
		if ( 0 === $rows ) {
			echo '<tr><td colspan="' . esc_attr( (string) count( self::columns() ) ) . '">' . esc_html__( 'No trophies yet.', 'k2-trophy-builder' ) . '</td></tr>';
		}
		echo '</tbody></table>';

		self::render_other_jobs( self::other_jobs( $bridge['jobs'] ) );
		echo '</div>';
	}

	/**
	 * The bridge's jobs that no trophy names, newest first, at most MAX_OTHER_JOBS. A trophy names its current job
	 * (_k2_build_job) and, through its slug (the job's "trophy"), every earlier build of it, whose ids the postmeta
	 * no longer holds. Every trophy counts, also those past MAX_TROPHIES or hidden from this user, so a hidden
	 * trophy's jobs do not show up here either.
	 *
	 * @param array $jobs Bridge jobs keyed by id.
	 * @return array
	 */
	private static function other_jobs( array $jobs ) {
		if ( array() === $jobs ) {
			return array();
		}
		global $wpdb;
		// The slug is read by the database's JSON functions, as K2TB_Rules and the daemon read it.
		$rows  = $wpdb->get_results(
			$wpdb->prepare(
				"SELECT m.meta_key AS k,
				        CASE WHEN m.meta_key = %s THEN m.meta_value
				             WHEN JSON_VALID( m.meta_value ) THEN JSON_UNQUOTE( JSON_EXTRACT( m.meta_value, '$.slug' ) ) END AS v
				   FROM {$wpdb->postmeta} m JOIN {$wpdb->posts} p ON p.ID = m.post_id
				  WHERE p.post_type = %s AND p.post_status <> 'auto-draft' AND m.meta_key IN ( %s, %s )",
				K2TB_Flags::JOB,
				K2TB_Post_Type::NAME,
				K2TB_Flags::JOB,
				K2TB_Flags::SPEC
			)
		);
		$named = array(
			K2TB_Flags::JOB  => array(),
			K2TB_Flags::SPEC => array(),
		);
		foreach ( $rows as $row ) {
			if ( null !== $row->v && '' !== $row->v ) {
				$named[ $row->k ][ $row->v ] = true;
			}
		}
		$others = array();
		foreach ( $jobs as $id => $job ) {
			$slug = is_string( $job['trophy'] ?? null ) ? $job['trophy'] : '';
			if ( ! isset( $named[ K2TB_Flags::JOB ][ $id ] ) && ! isset( $named[ K2TB_Flags::SPEC ][ $slug ] ) ) {
				$others[ $id ] = $job;
			}
		}
		// Newest first; a job not started yet (started_at null) is newer than any started one. ISO times sort as text.
		uasort(
			$others,
			static function ( $a, $b ) {
				$started_a = is_string( $a['started_at'] ?? null ) ? $a['started_at'] : '~';
				$started_b = is_string( $b['started_at'] ?? null ) ? $b['started_at'] : '~';
				return strcmp( $started_b, $started_a );
			}
		);
		return array_slice( $others, 0, self::MAX_OTHER_JOBS, true );
	}

	/**
	 * A progress bar with its percentage and counts.
	 *
	 * @param array $counts total, done, skipped, failed.
	 * @return string Escaped HTML.
	 */
	public static function progress_html( array $counts ) {
		$percent = K2TB_Format::percent( $counts );
		$built   = (int) $counts['done'] + (int) $counts['skipped'];
		/* translators: 1: images built (rendered or already up to date), 2: all images, 3: rendered, 4: skipped as up to date */
		$text = sprintf( __( '%1$s of %2$s built (rendered %3$s, up to date %4$s)', 'k2-trophy-builder' ), number_format_i18n( $built ), number_format_i18n( (int) $counts['total'] ), number_format_i18n( (int) $counts['done'] ), number_format_i18n( (int) $counts['skipped'] ) );
		if ( (int) $counts['failed'] > 0 ) {
			// The bar counts failed images as settled; the words must not let them pass for built.
			/* translators: %s: images that could not be built */
			$text .= sprintf( __( ', %s failed', 'k2-trophy-builder' ), number_format_i18n( (int) $counts['failed'] ) );
		}
		return sprintf(
			'<progress class="k2tb-progress" max="100" value="%1$s"></progress> <span class="k2tb-percent">%2$s%%</span> <span class="k2tb-counts">%3$s</span>',
			esc_attr( number_format( $percent, 1, '.', '' ) ),
			esc_html( number_format_i18n( $percent, 1 ) ),
			esc_html( $text )
		);
	}

	/**
	 * Column headings.
	 *
	 * @return string[]
	 */
	private static function columns() {
		return array(
			__( 'Trophy', 'k2-trophy-builder' ),
			__( 'Status', 'k2-trophy-builder' ),
			__( 'Progress', 'k2-trophy-builder' ),
			__( 'Elapsed', 'k2-trophy-builder' ),
			__( 'ETA', 'k2-trophy-builder' ),
			__( 'Left', 'k2-trophy-builder' ),
			__( 'Rate', 'k2-trophy-builder' ),
			__( 'Failed', 'k2-trophy-builder' ),
			__( 'Figures from', 'k2-trophy-builder' ),
			__( 'Actions', 'k2-trophy-builder' ),
		);
	}

	/**
	 * The banner saying whether the renderer runs and picks up build requests.
	 *
	 * @param array $bridge K2TB_Bridge::status().
	 */
	private static function render_daemon( array $bridge ) {
		printf( '<p id="k2tb-daemon" class="k2tb-daemon k2tb-daemon-%1$s" data-state="%1$s">%2$s</p>', esc_attr( K2TB_Health::state( $bridge ) ), esc_html( K2TB_Health::message( $bridge ) ) );
	}

	/**
	 * One trophy's row.
	 *
	 * @param WP_Post $trophy The trophy.
	 * @param array   $flags  K2TB_Flags::read().
	 * @param array   $bridge K2TB_Bridge::status().
	 */
	private static function render_trophy( $trophy, array $flags, array $bridge ) {
		$live   = '' !== $flags['job'] && isset( $bridge['jobs'][ $flags['job'] ] ) ? $bridge['jobs'][ $flags['job'] ] : null;
		$counts = null !== $live ? $live : $flags['progress'];
		$source = null !== $live ? 'live' : ( null !== $counts ? 'saved' : 'none' );
		$title  = '' !== $trophy->post_title ? $trophy->post_title : __( '(no title)', 'k2-trophy-builder' );
		$link   = get_edit_post_link( $trophy->ID );
		$dash   = "\u{2014}";

		printf(
			'<tr data-post="%1$s" data-job="%2$s" data-source="%3$s" data-busy="%4$s">',
			esc_attr( (string) $trophy->ID ),
			esc_attr( $flags['job'] ),
			esc_attr( $source ),
			K2TB_Flags::is_busy( $flags['status'] ) || K2TB_Flags::is_request( $flags['status'] ) ? '1' : '0'
		);
		echo '<td class="trophy">' . ( $link ? '<a href="' . esc_url( $link ) . '">' . esc_html( $title ) . '</a>' : esc_html( $title ) );
		if ( '' !== $flags['job'] ) {
			echo '<br><code class="k2tb-job">' . esc_html( $flags['job'] ) . '</code>';
		}
		echo '</td>';
		echo '<td class="status">' . esc_html( K2TB_Format::headline( $flags['status'], $counts ) );
		$stale = K2TB_Health::stale_request( $bridge, $flags, time() );
		if ( '' !== $stale ) {
			echo '<p class="k2tb-stale">' . esc_html( $stale ) . '</p>';
		}
		if ( '' !== $flags['error'] ) {
			echo '<details class="k2tb-error"><summary>' . esc_html__( 'Problems', 'k2-trophy-builder' ) . '</summary><pre>' . esc_html( $flags['error'] ) . '</pre></details>';
		}
		echo '</td>';
		echo '<td class="progress">' . ( null !== $counts ? self::progress_html( $counts ) : esc_html( $dash ) ) . '</td>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- progress_html escapes.
		echo '<td class="elapsed">' . esc_html( K2TB_Format::duration( $live['elapsed_s'] ?? null ) ) . '</td>';
		echo '<td class="eta">' . esc_html( K2TB_Format::eta( $flags['status'], $counts, $live ) ) . '</td>';
		echo '<td class="left">' . esc_html( null !== $counts ? number_format_i18n( K2TB_Format::left( $counts ) ) : $dash ) . '</td>';
		echo '<td class="rate">' . esc_html( K2TB_Format::rate( $live['rate_per_s'] ?? null ) ) . '</td>';
		echo '<td class="failed">' . esc_html( null !== $counts ? number_format_i18n( (int) $counts['failed'] ) : $dash ) . '</td>';
		echo '<td class="source">' . esc_html( self::source_text( $source, $flags['progress'] ) ) . '</td>';
		echo '<td class="actions">';
		if ( K2TB_Post_Type::can_build( $trophy->ID ) ) {
			K2TB_Actions::render_form( $trophy->ID, $flags['status'] );
		}
		echo '</td></tr>';
	}

	/**
	 * Where a row's figures come from.
	 *
	 * @param string     $source   live, saved or none.
	 * @param array|null $progress The saved progress.
	 * @return string
	 */
	private static function source_text( $source, $progress ) {
		if ( 'live' === $source ) {
			return __( 'status bridge (live)', 'k2-trophy-builder' );
		}
		if ( 'saved' === $source ) {
			/* translators: %s: when the daemon saved the progress (UTC) */
			return sprintf( __( 'saved %s', 'k2-trophy-builder' ), (string) ( $progress['updated_at'] ?? '?' ) );
		}
		return "\u{2014}";
	}

	/**
	 * Jobs the bridge lists that no trophy names (started from the command line, or for a deleted trophy).
	 *
	 * @param array $jobs Bridge jobs keyed by id.
	 */
	private static function render_other_jobs( array $jobs ) {
		if ( array() === $jobs ) {
			return;
		}
		echo '<h2>' . esc_html__( 'Other jobs', 'k2-trophy-builder' ) . '</h2>';
		echo '<table class="widefat striped k2tb-other-jobs"><thead><tr><th>' . esc_html__( 'Job', 'k2-trophy-builder' ) . '</th><th>' . esc_html__( 'Status', 'k2-trophy-builder' ) . '</th><th>' . esc_html__( 'Progress', 'k2-trophy-builder' ) . '</th><th>' . esc_html__( 'ETA', 'k2-trophy-builder' ) . '</th></tr></thead><tbody>';
		foreach ( $jobs as $id => $job ) {
			$has_counts = isset( $job['total'], $job['done'], $job['skipped'], $job['failed'] );
			printf(
				'<tr data-job="%1$s"><td><code>%2$s</code></td><td>%3$s</td><td>%4$s</td><td>%5$s</td></tr>',
				esc_attr( (string) $id ),
				esc_html( (string) $id ),
				esc_html( (string) ( $job['status'] ?? '' ) ),
				$has_counts ? self::progress_html( $job ) : esc_html( "\u{2014}" ), // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- progress_html escapes.
				esc_html( K2TB_Format::duration( K2TB_Format::job_under_way( $job ) ? ( $job['eta_s'] ?? null ) : null ) )
			);
		}
		echo '</tbody></table>';
	}
}
