/**
 * 卡点详情 (/checkpoints/posts/:id): one post on a phone or a desk — its details (edited by those who manage
 * posts), today's figures and hourly chart, who is on duty now, the handover log, the check-in QR code to print,
 * and the latest crossings (masked as every list of people is). One column on a phone, two on a wide screen.
 */
import { Alert, Button, Col, Result, Row, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { crossingFigures, getPost } from '../../../domain/checkpoints/api';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { PostCrossings } from './PostCrossings';
import { PostDetails } from './PostDetails';
import { PostHandovers } from './PostHandovers';
import { PostOnDuty } from './PostOnDuty';
import { PostQrCard } from './PostQrCard';
import { PostToday } from './PostToday';

export default function PostPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const post = useApiQuery(getPost, { params: { id } }, { enabled: id > 0 });
  // Today's figures also tell the server's today (the deployment's day), which the roster is read from.
  const figures = useApiQuery(crossingFigures, { query: { postId: id } }, { enabled: id > 0 });
  const back = (
    <Link to="/checkpoints/posts">
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
        {t('checkpoints.post.back')}
      </Button>
    </Link>
  );
  if (post.isLoading) return <Spin />;
  if (!post.data) {
    const missing = post.error?.status === 404 || !(id > 0);
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('checkpoints.post.notFound') : errorText(post.error, t)}
        extra={back}
        data-testid="post-missing"
      />
    );
  }
  const p = post.data;
  return (
    <div style={{ maxWidth: 1200, margin: '0 auto', overflowX: 'hidden' }} data-testid="post-page">
      {back}
      <Typography.Title level={4} style={{ marginTop: 0, overflowWrap: 'anywhere' }} data-testid="post-title">
        {p.name}
      </Typography.Title>
      {figures.error && <Alert type="error" showIcon title={errorText(figures.error, t)} style={{ marginBottom: 12 }} />}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <PostToday figures={figures.data} loading={figures.isLoading} />
            <PostOnDuty post={p} today={figures.data?.day} />
            <PostHandovers post={p} canRecord={can('checkpoints.duty')} />
          </Space>
        </Col>
        <Col xs={24} lg={12}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <PostDetails post={p} canEdit={can('checkpoints.manage')} />
            {can('checkpoints.manage') && <PostQrCard post={p} />}
            <PostCrossings postId={p.id} />
          </Space>
        </Col>
      </Row>
    </div>
  );
}
