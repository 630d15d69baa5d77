<?php
/*
 * Sample status page for the K2Orleans renderer. Where the daemon is:
 *   K2_STATUS_SOCKET=/run/k2orleans/status.sock   (Unix socket; wins when set)
 *   K2_STATUS_HOST=127.0.0.1 K2_STATUS_PORT=7070  (TCP, the default)
 * Works under a web server or as `php status-page.php > status.html`.
 */

declare(strict_types=1);

require_once __DIR__ . '/K2Status.php';

function k2_h(mixed $value): string
{
    return htmlspecialchars((string) $value, ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML5, 'UTF-8');
}

/** "1h 02m 03s", "2m 05s", "45s"; "unknown" for null. */
function k2_duration(int|float|null $seconds): string
{
    if ($seconds === null) {
        return 'unknown';
    }
    $total = (int) round(max(0, $seconds));
    $h = intdiv($total, 3600);
    $m = intdiv($total % 3600, 60);
    $s = $total % 60;
    if ($h > 0) {
        return sprintf('%dh %02dm %02ds', $h, $m, $s);
    }
    return $m > 0 ? sprintf('%dm %02ds', $m, $s) : sprintf('%ds', $s);
}

function k2_rate(int|float|null $perSecond): string
{
    return $perSecond === null ? 'unknown' : number_format((float) $perSecond, 1) . ' images/s';
}

/** An ETA only means something while a job is under way; a finished job shows a dash, not "0s". */
function k2_eta(array $job): string
{
    return in_array($job['status'], ['queued', 'running', 'paused'], true) ? k2_duration($job['eta_s']) : "\u{2014}";
}

/** Share of the job that is settled (rendered, skipped or failed), 0..100. */
function k2_percent(array $job): float
{
    $total = (int) $job['total'];
    if ($total <= 0) {
        return $job['status'] === 'completed' ? 100.0 : 0.0;
    }
    return min(100.0, 100.0 * ($total - (int) $job['remaining']) / $total);
}

$socket = (string) getenv('K2_STATUS_SOCKET');
$client = $socket !== ''
    ? new K2Status($socket)
    : new K2Status((string) (getenv('K2_STATUS_HOST') ?: '127.0.0.1'), (int) (getenv('K2_STATUS_PORT') ?: 7070));

$status = null;
$problem = null;
try {
    $status = $client->status();
    if (!$status['ok']) {
        $problem = 'The status daemon refused: ' . ($status['message'] ?? $status['error'] ?? 'no reason given');
    }
} catch (K2StatusException $e) {
    $problem = 'The status bridge is not answering: ' . $e->getMessage();
}
// Whether the daemon can read the WordPress database; null when this daemon does not say (older than the field).
$wordpress = $problem === null ? K2Status::wordpress($status) : null;
$running = $problem === null && ($status['running'] ?? false) === true;
$jobs = $problem === null ? ($status['jobs'] ?? []) : [];
$silos = $problem === null ? ($status['silos'] ?? []) : [];
?>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="5">
<title>Trophy renderer status</title>
<style>
body { font-family: sans-serif; margin: 2em; }
table { border-collapse: collapse; }
th, td { border-bottom: 1px solid #ccc; padding: .3em .8em; text-align: left; }
.running { color: #1a7f37; } .stopped, .problem { color: #c62828; }
progress { width: 12em; }
</style>
</head>
<body>
<h1>Trophy renderer</h1>
<?php if ($running): ?>
<p class="running" id="cluster-state">Running</p>
<?php else: ?>
<p class="stopped" id="cluster-state">Not running</p>
<?php endif; ?>
<?php if ($problem !== null): ?>
<p class="problem"><?= k2_h($problem) ?></p>
<?php endif; ?>
<?php if ($wordpress !== null && $wordpress['last_error'] !== null): ?>
<p class="problem" id="wordpress-state">The renderer cannot reach WordPress's database: <?= k2_h($wordpress['last_error']) ?></p>
<?php elseif ($wordpress !== null && !$wordpress['enabled']): ?>
<p id="wordpress-state">The renderer does not poll WordPress.</p>
<?php elseif ($wordpress !== null): ?>
<p id="wordpress-state">WordPress last polled at <?= k2_h($wordpress['last_poll_at'] ?? 'not yet') ?>.</p>
<?php endif; ?>
<?php if ($silos !== []): ?>
<h2>Servers</h2>
<table>
<tr><th>Address</th><th>Status</th><th>Renders</th></tr>
<?php foreach ($silos as $silo): ?>
<tr><td><?= k2_h($silo['address']) ?></td><td><?= k2_h($silo['status']) ?></td>
<td><?= k2_h($silo['renders_active']) ?> / <?= k2_h($silo['render_limit']) ?></td></tr>
<?php endforeach; ?>
</table>
<?php endif; ?>
<h2>Jobs</h2>
<?php if ($jobs === []): ?>
<p>No jobs in the last 24 hours.</p>
<?php else: ?>
<table>
<tr><th>Trophy</th><th>Status</th><th>Progress</th><th>Elapsed</th><th>ETA</th><th>Left</th><th>Rate</th><th>Failed</th></tr>
<?php foreach ($jobs as $job): $percent = k2_percent($job); ?>
<tr data-job="<?= k2_h($job['id']) ?>">
<td class="trophy"><?= k2_h($job['trophy']) ?></td>
<td class="status"><?= k2_h($job['status']) ?></td>
<td class="progress"><progress max="100" value="<?= k2_h(number_format($percent, 1, '.', '')) ?>"></progress>
<?= k2_h(number_format($percent, 1)) ?>%</td>
<td class="elapsed"><?= k2_h(k2_duration($job['elapsed_s'])) ?></td>
<td class="eta"><?= k2_h(k2_eta($job)) ?></td>
<td class="left"><?= k2_h(number_format((int) $job['remaining'])) ?></td>
<td class="rate"><?= k2_h(k2_rate($job['rate_per_s'])) ?></td>
<td class="failed"><?= k2_h(number_format((int) $job['failed'])) ?></td>
</tr>
<?php endforeach; ?>
</table>
<?php endif; ?>
</body>
</html>
