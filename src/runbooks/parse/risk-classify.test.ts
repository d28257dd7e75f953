import { describe, expect, it } from 'vitest';
import { classifyShell, classifySql } from './risk-classify.ts';

/**
 * Commands as the three procedures documents write them (test/fixtures/procedures),
 * plus the verbs the issue names. `null`: read-only; otherwise the reason must
 * name the command.
 */
const TABLE: [string, string | null][] = [
  // kubectl
  ['kubectl get pods -n ai-orchestrator', null],
  ['kubectl top nodes', null],
  ['kubectl top pods --sort-by=memory', null],
  ['kubectl logs -l app=backup-job --tail=50', null],
  ['kubectl logs -f deployment/accelerapp -n accelerapp --tail=100', null],
  ['kubectl describe pod "$POD_NAME" -n accelerapp', null],
  ['kubectl rollout status deployment/api-gateway', null],
  ['kubectl rollout history deployment/accelerapp -n accelerapp', null],
  ['kubectl port-forward svc/green-service 8080:80', null],
  ['kubectl get deployments -o yaml', null],
  ['kubectl apply -f backup-restore-test.yaml', 'kubectl apply'],
  ['kubectl create backup production-pre-maintenance', 'kubectl create backup'],
  ['kubectl patch configmap api-config --patch \'{"data":{"maintenance_mode":"true"}}\'', 'kubectl patch'],
  ['kubectl set image deployment/api-gateway api-gateway=new-image:tag', 'kubectl set image'],
  ['kubectl scale deployment --replicas=0 -n ai-orchestrator', 'kubectl scale'],
  ['kubectl rollout restart deployment -n ai-orchestrator', 'kubectl rollout'],
  ['kubectl rollout undo deployment/${DEPLOYMENT_NAME} -n ${NAMESPACE}', 'kubectl rollout'],
  ['kubectl drain ${NODE_NAME} --ignore-daemonsets --delete-local-data', 'kubectl drain'],
  ['kubectl uncordon ${NODE_NAME}', 'kubectl uncordon'],
  ['kubectl cordon node-1', 'kubectl cordon'],
  ['kubectl delete pod web-1', 'kubectl delete'],
  ['kubectl -n prod delete pod web-1', 'kubectl delete'],
  ['kubectl edit configmap accelerapp-config -n accelerapp', 'kubectl edit'],
  ['kubectl replace -f pod.yaml', 'kubectl replace'],
  ['kubectl create secret tls envoy-certs --cert=service.crt --key=service.key -n devonn', 'kubectl create secret'],
  // through kubectl exec, xargs, find -exec, sudo, env
  ['kubectl exec -it postgres-0 -- pg_isready', null],
  ['kubectl exec -it redis-0 -- redis-cli info memory', null],
  ['kubectl exec -it redis-0 -- redis-cli memory doctor', null],
  ['kubectl exec -it redis-0 -- redis-cli --scan --pattern "*" | xargs -L 1000 redis-cli del', 'redis-cli del'],
  ['kubectl exec -it postgres-0 -- dropdb -U postgres orchestrator', 'dropdb'],
  ['kubectl exec -it postgres-0 -- createdb -U postgres orchestrator', 'createdb'],
  ['kubectl exec -i postgres-0 -- psql -U postgres orchestrator < backup.sql', 'backup.sql'],
  ['find /backups -type d -mtime +30 -exec rm -rf {} \\;', 'rm -rf'],
  ['find /backups/ -type f -mtime +30 -delete', 'find -delete'],
  ['find /var/log -name "*.log" -mtime +7', null],
  ['sudo systemctl restart nginx', 'systemctl restart'],
  ['sudo -u postgres psql -c "DROP TABLE t"', 'SQL DROP'],
  ['FOO=1 env BAR=2 time rm -f /tmp/x', 'rm'],
  ['bash -c "kubectl delete pod x"', 'kubectl delete'],
  // databases and caches
  ['psql -h ${DB_HOST} -U ${DB_USER} -d ${DB_NAME} -c "SELECT count(*) FROM pg_stat_activity;"', null],
  ['psql -c "DELETE FROM execution_logs WHERE created_at < NOW() - INTERVAL \'90 days\'"', 'SQL DELETE'],
  ['psql -c "TRUNCATE audit_logs"', 'SQL TRUNCATE'],
  ['psql -c "ALTER TABLE t ADD COLUMN c int"', 'SQL ALTER'],
  ['psql <<EOF\nUPDATE users SET admin = true;\nEOF', 'SQL UPDATE'],
  ['psql -f migrate.sql', 'migrate.sql'],
  ['mysql -e "INSERT INTO t VALUES (1)"', 'SQL INSERT'],
  ['pg_restore -d app dump.custom', 'pg_restore'],
  ['pg_isready -h db -p 5432', null],
  ['redis-cli -h cache ping', null],
  ['redis-cli flushall', 'redis-cli flushall'],
  ['redis-cli -n 2 FLUSHDB', 'redis-cli flushdb'],
  ['redis-cli config set maxmemory 2gb', 'redis-cli config set'],
  ['redis-cli config get maxmemory', null],
  ['kubectl exec -it redis-0 -- redis-cli info stats | grep hit_rate', null],
  // files and the system
  ['rm -rf /tmp/build', 'rm -rf'],
  ['mv a b', 'mv'],
  ['dd if=/dev/zero of=/dev/sdb bs=1M', 'dd'],
  ['mkfs.ext4 /dev/sdb1', 'mkfs'],
  ['mkdir -p $BACKUP_DIR', 'mkdir'],
  ['cp -r /app/config $BACKUP_DIR/', 'cp'],
  ['kubectl get deployments -o yaml > rollback-state.yaml', 'writes rollback-state.yaml'],
  ['kubectl logs -l app=api 2>&1 | grep ERROR > /dev/null', null],
  ['df -h | grep -E \'(Filesystem|/dev/)\'', null],
  ['cat /reports/security/latest-scan.json', null],
  ['systemctl status nginx', null],
  ['service nginx restart', 'service nginx restart'],
  ['shutdown -r now', 'shutdown'],
  ['reboot', 'reboot'],
  ['crontab -r', 'crontab -r'],
  ['crontab -l', null],
  ['iptables -A INPUT -p tcp --dport 22 -j DROP', 'iptables'],
  ['iptables -L', null],
  ['docker ps', null],
  ['docker restart api', 'docker restart'],
  ['docker run --rm alpine true', 'docker run'],
  ['docker rm -f api', 'docker rm'],
  // clouds, infrastructure, git, http
  ['terraform plan -var-file=environments/"${ENVIRONMENT}".tfvars', null],
  ['terraform apply -var-file=environments/canary.tfvars -target=module.api_canary', 'terraform apply'],
  ['terraform destroy', 'terraform destroy'],
  ['terraform import aws_instance.web i-123', 'terraform import'],
  ['helm upgrade api ./chart', 'helm upgrade'],
  ['helm list -n prod', null],
  ['aws rds create-db-snapshot --db-instance-identifier devonn-postgres-production --db-snapshot-identifier manual-backup-$(date +%Y-%m-%d)', 'aws rds create-db-snapshot'],
  ['aws rds restore-db-instance-from-db-snapshot --db-instance-identifier x --db-snapshot-identifier y', 'aws rds restore-db-instance-from-db-snapshot'],
  ['aws rds reboot-db-instance --db-instance-identifier x --force-failover', 'aws rds reboot-db-instance'],
  ['aws rds modify-db-instance --db-instance-identifier x --engine-version 15.4', 'aws rds modify-db-instance'],
  ['aws eks update-cluster-version --name devonn-eks-production --kubernetes-version X.XX', 'aws eks update-cluster-version'],
  ['aws appmesh update-route --mesh-name devonn-mesh --route-name api-route', 'aws appmesh update-route'],
  ['aws cloudwatch put-metric-data --namespace "Devonn/CustomMetrics" --metric-name x --value 42', 'aws cloudwatch put-metric-data'],
  ['aws ec2 terminate-instances --instance-ids i-1', 'aws ec2 terminate-instances'],
  ['aws s3 cp $BACKUP_DIR/ s3://ai-orchestrator-backups/database/ --recursive', 'aws s3 cp'],
  ['aws s3 sync /backups/ s3://accelerapp-backups/$(date +%Y/%m)/', 'aws s3 sync'],
  ['aws appmesh describe-mesh --mesh-name devonn-mesh-production', null],
  ['aws appmesh list-virtual-services --mesh-name devonn-mesh-production', null],
  ['aws cloudwatch get-metric-statistics --namespace AWS/RDS --start-time $(date -d \'1 hour ago\' -u +%Y-%m-%dT%H:%M:%SZ)', null],
  ['aws xray batch-get-traces --trace-ids ${TRACE_ID}', null],
  ['gcloud compute instances delete web-1', 'gcloud ... delete'],
  ['gcloud compute instances list', null],
  ['git log --since="2 hours ago" --oneline', null],
  ['git push origin main', 'git push'],
  ['git reset --hard HEAD~1', 'git reset --hard'],
  ['git checkout -b maintenance-YYYY-MM-DD', 'git checkout'],
  ['curl -s "http://prometheus:9090/api/v1/query?query=rate(http_requests_total{status=~\\"5..\\"}[5m])"', null],
  ['curl https://api.accelerapp.io/health', null],
  ['curl localhost:9901/stats', null],
  ['curl -X POST https://hooks.example.com/x', 'curl -X POST'],
  ['curl -XDELETE https://api.example.com/items/1', 'curl -X DELETE'],
  ['curl -d \'{"a":1}\' https://api.example.com/items', 'curl sends data'],
  // scripts and tools
  ['./scripts/health-check.sh', null],
  ['./scripts/smoke-tests.sh', null],
  ['./scripts/security-scan.sh', null],
  ['./scripts/analyze-errors.sh --last=15m', null],
  ['./scripts/update-status.sh "Investigating service disruption"', './scripts/update-status.sh'],
  ['./scripts/notify-incident.sh --severity=P1 --message="Service disruption"', './scripts/notify-incident.sh'],
  ['./scripts/backup.sh', './scripts/backup.sh'],
  ['./scripts/generate-certs.sh', './scripts/generate-certs.sh'],
  ['openssl genrsa -out ca.key 2048', 'openssl'],
  ['openssl x509 -in cert.pem -noout -enddate', null],
  ['certbot renew --dry-run', null],
  ['certbot renew', 'certbot renew'],
  ['pip install --upgrade "$PACKAGE"', 'pip install'],
  ['pytest tests/', null],
  ['gunzip /tmp/restore.sql.gz', 'gunzip'],
  ['pg_dump -U postgres accelerapp | gzip > /backups/db-$DATE.sql.gz', 'writes /backups/db-$DATE.sql.gz'],
  ['echo "Usage: $0 <version>"', null],
  ['CURRENT=$(kubectl rollout history deployment/accelerapp -n accelerapp | tail -1 | awk \'{print $1}\')', null],
  ['X=$(kubectl delete pod p)', 'kubectl delete'],
  ['# kubectl delete pod p', null],
  ['echo "kubectl delete pod p"', null],
];

describe('classifyShell', () => {
  it('has a table of more than 60 commands', () => {
    expect(TABLE.length).toBeGreaterThan(60);
  });

  it.each(TABLE)('%s', (command, reason) => {
    const verdict = classifyShell(command);
    if (reason === null) expect(verdict).toEqual({ risk: 'readonly', reason: null });
    else {
      expect(verdict.risk).toBe('mutating');
      expect(verdict.reason).toContain(reason);
    }
  });

  it('names the line of the first mutating command in a script', () => {
    expect(classifyShell('kubectl get pods\n\nkubectl top nodes\nkubectl delete pod x\nrm -rf /')).toEqual({ risk: 'mutating', reason: 'line 4: kubectl delete' });
  });

  it('reads SQL pasted after an interactive psql as statements', () => {
    expect(classifyShell('kubectl exec -it postgres-0 -- psql -U postgres\n\n-- Update statistics\nANALYZE;\nREINDEX DATABASE orchestrator;').reason).toBe('line 5: SQL REINDEX');
  });
});

describe('classifySql', () => {
  it.each([
    ['SELECT query, mean_time FROM pg_stat_statements ORDER BY mean_time DESC LIMIT 10;', null],
    ["SELECT pid FROM pg_stat_activity WHERE query != '<IDLE>' AND query NOT ILIKE '%delete%'", null],
    ['-- drop nothing here\nSELECT 1', null],
    ["DELETE FROM execution_logs WHERE created_at < NOW() - INTERVAL '90 days';", 'SQL DELETE'],
    ['select 1; drop table t;', 'SQL DROP'],
  ])('%s', (sql, reason) => {
    expect(classifySql(sql).reason).toBe(reason);
  });
});
