<?php
/**
 * One template for every view: the title and content of the main query's posts.
 *
 * @package K2_Shop
 */

?><!DOCTYPE html>
<html <?php language_attributes(); ?>><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><?php wp_head(); ?></head>
<body>
<?php
while ( have_posts() ) {
	the_post();
	echo '<h1>' . esc_html( get_the_title() ) . '</h1>';
	the_content();
}
wp_footer();
?>
</body></html>
