#!/usr/bin/perl
# Stand-in for k2orleans-silo in the watchdog tests, until those run against the real daemon:
# a process that answers the status socket's PING on 127.0.0.1:PORT (contracts.md section 3).
# "HANG" makes it stop answering and ignore SIGTERM, as a deadlocked daemon would. "BUSY"
# makes it answer every later connection as the status bridge does when all its connections
# are taken: one busy line, then close.
use strict;
use warnings;
use IO::Socket::INET;

my $port = shift @ARGV or die "usage: $0 PORT\n";
my $server = IO::Socket::INET->new(
    LocalAddr => '127.0.0.1', LocalPort => $port, Proto => 'tcp', Listen => 16, ReuseAddr => 1,
) or die "standin-daemon: cannot listen on 127.0.0.1:$port: $!\n";
$SIG{TERM} = sub { exit 0 };
print "standin-daemon: listening on 127.0.0.1:$port as pid $$\n";
my $busy = 0;

while (my $client = $server->accept) {
    $client->autoflush(1);
    if ($busy) {
        print $client qq({"ok":false,"error":"busy","message":"stand-in daemon"}\n);
        # Like the bridge: end our side, then read what the client still sends, so that its
        # unread PING does not turn the close into a reset.
        shutdown $client, 1;
        1 while <$client>;
        close $client;
        next;
    }
    while (defined(my $line = <$client>)) {
        $line =~ s/\r?\n\z//;
        my $command = uc $line;
        if ($command eq 'PING') {
            print $client qq({"ok":true,"pong":true,"running":true}\n);
        } elsif ($command eq 'QUIT') {
            print $client qq({"ok":true,"bye":true}\n);
            last;
        } elsif ($command eq 'BUSY') {
            $busy = 1;
            print $client qq({"ok":true}\n);
            last;
        } elsif ($command eq 'HANG') {
            $SIG{TERM} = 'IGNORE';
            sleep 3600 while 1;
        } else {
            print $client qq({"ok":false,"error":"unknown_command","message":"stand-in daemon"}\n);
        }
    }
    close $client;
}
